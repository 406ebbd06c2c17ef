"""The staff web view: pages over a snapshot of the ledger, downloads, and the staff actions.

Every page reads the ledger through rrr_mailbot.staff.queries (the snapshot the digest and the CLI
read) and every action calls rrr_mailbot.staff.actions (what the CLI's link, resend and reprocess
call), with the web user as the actor the ledger keeps. Every route but the login page and the
style sheet needs a session; every POST needs the session's CSRF token. Responses carry a strict
Content-Security-Policy (no script at all); downloads are served as attachments of an opaque
type in a sandbox, so a hostile HTML or PDF attachment cannot run in the staff's browser.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import time
import urllib.parse
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rrr_mailbot.config import Settings, data_path
from rrr_mailbot.doctor import heartbeat_path
from rrr_mailbot.errors import MailbotError
from rrr_mailbot.model import Outcome
from rrr_mailbot.replies import ReplyRenderer, filesize
from rrr_mailbot.staff import actions
from rrr_mailbot.staff.applications import STATES, Application, RecordedMessage
from rrr_mailbot.staff.digest import chart_png, submissions_by_day
from rrr_mailbot.staff.queries import Snapshot, find_application, take_snapshot
from rrr_mailbot.staff.views import STAFF_EVENTS
from rrr_mailbot.store import BlobStore, Ledger
from rrr_mailbot.web.auth import LoginLimiter, check_password, csrf_matches, new_csrf_token

logger = logging.getLogger(__name__)

HERE = Path(__file__).parent
# No script, no frames, no plugins; styles and images from this site only.
PAGE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
# A downloaded file opened in the browser anyway is a sandboxed document that can load nothing.
DOWNLOAD_CSP = "default-src 'none'; sandbox"
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
)
SORTS = ("arrival", "updated", "applicant", "city", "country", "state")


class SecurityHeaders:
    """ASGI middleware: the safe headers on every response (a route's own CSP wins)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                extra = [*SECURITY_HEADERS, (b"content-security-policy", PAGE_CSP.encode())]
                headers += [(n, v) for n, v in extra if n not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def content_disposition(filename: str | None, fallback: str) -> str:
    """``attachment`` with an ASCII name (anything else replaced) and the UTF-8 name (RFC 6266)."""
    name = (filename or fallback).replace("\\", "/").rsplit("/", 1)[-1] or fallback
    ascii_name = "".join(c if c.isascii() and (c.isalnum() or c in "._- ") else "_" for c in name)
    quoted = urllib.parse.quote(name, safe="")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quoted}"


def _download(data: bytes, filename: str | None, fallback: str) -> Response:
    return Response(
        data,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": content_disposition(filename, fallback),
            "Content-Security-Policy": DOWNLOAD_CSP,
        },
    )


def flag_name(flag: str) -> str:
    """A flag without the references it names: ``missing_form (RRR-1)`` -> ``missing_form``."""
    return flag.split(" (", 1)[0]


@dataclasses.dataclass
class Row:
    """One application as the applications table shows it."""

    application: Application
    city: str
    country: str
    flags: tuple[str, ...]

    def sort_key(self, sort: str) -> tuple[Any, ...]:
        a = self.application
        keys: dict[str, tuple[Any, ...]] = {
            "arrival": (a.messages[0].when,),
            "updated": (a.last_recorded_at,),
            "applicant": ((a.sender or a.key).lower(),),
            "city": (self.city.lower(), self.country.lower()),
            "country": (self.country.lower(), self.city.lower()),
            "state": (STATES.index(a.state),),
        }
        return (*keys[sort], a.key)


def application_rows(snapshot: Snapshot) -> list[Row]:
    """Every application with the form's city and country and its flags."""
    rows = []
    for application in snapshot.applications:
        facts = snapshot.facts.get(application.key)
        rows.append(
            Row(
                application,
                city=(facts.city if facts else None) or "",
                country=(facts.country if facts else None) or "",
                flags=snapshot.flags(application),
            )
        )
    return rows


@dataclasses.dataclass(frozen=True)
class Filters:
    """The applications table's query: filters, search, order and page."""

    state: str = ""
    flag: str = ""
    country: str = ""
    q: str = ""
    sort: str = "arrival"
    desc: bool = False
    page: int = 1

    @classmethod
    def from_query(cls, query: Any) -> Filters:
        sort = query.get("sort", "arrival")
        try:
            page = max(1, int(query.get("page", "1")))
        except ValueError:
            page = 1
        return cls(
            state=query.get("state", "") if query.get("state", "") in STATES else "",
            flag=query.get("flag", ""),
            country=query.get("country", ""),
            q=query.get("q", "").strip(),
            sort=sort if sort in SORTS else "arrival",
            desc=query.get("desc", "") == "1",
            page=page,
        )

    def keeps(self, row: Row) -> bool:
        a = row.application
        if self.state and a.state.value != self.state:
            return False
        if self.flag and self.flag not in {flag_name(f) for f in row.flags}:
            return False
        if self.country and row.country.lower() != self.country.lower():
            return False
        if self.q:
            wanted = self.q.lower()
            haystack = [row.city, a.key, *(m.sender or "" for m in a.messages), *a.references]
            return any(wanted in text.lower() for text in haystack)
        return True

    def url(self, **changes: Any) -> str:
        """The table's address with these filters, some changed."""
        values = dataclasses.asdict(dataclasses.replace(self, **changes))
        values["desc"] = "1" if values["desc"] else ""
        kept = {k: v for k, v in values.items() if v not in ("", None) and (k, v) != ("page", 1)}
        return "/applications" + (f"?{urllib.parse.urlencode(kept)}" if kept else "")


class StaffSite:
    """The web view's parts: settings, ledger, templates, the login limiter and the clocks."""

    def __init__(
        self,
        settings: Settings,
        ledger: Ledger,
        *,
        clock: Callable[[], datetime],
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.ledger = ledger
        self.clock = clock
        self.monotonic = monotonic
        self.limiter = LoginLimiter(settings.web.login_attempts, settings.web.login_window_s)
        self._renderer: ReplyRenderer | None = None
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,
        )
        self.env.filters["local"] = self.local
        self.env.filters["filesize"] = filesize
        self.env.globals["flag_name"] = flag_name

    def local(self, value: datetime | None) -> str:
        """A time in the call's zone, as staff read it."""
        if value is None:
            return "unknown"
        return value.astimezone(self.settings.call.zone).strftime("%Y-%m-%d %H:%M %Z")

    @property
    def renderer(self) -> ReplyRenderer:
        # Built on the first reprocess only: it reads and rehearses every reply template.
        if self._renderer is None:
            self._renderer = ReplyRenderer(self.settings.call, data_path("templates"))
        return self._renderer

    def snapshot(self) -> Snapshot:
        return take_snapshot(
            self.ledger,
            self.settings.call,
            now=self.clock(),
            heartbeat=heartbeat_path(self.settings),
            since_last_digest=False,
        )

    def page(
        self, request: Request, template: str, status_code: int = 200, **context: Any
    ) -> HTMLResponse:
        html = self.env.get_template(template).render(
            user=request.session.get("user"),
            csrf=request.session.get("csrf", ""),
            flashes=request.session.pop("flashes", []),
            call=self.settings.call,
            **context,
        )
        return HTMLResponse(html, status_code=status_code)


def _user(site: StaffSite, request: Request) -> str | None:
    """The logged-in user, if the session names one the config still knows."""
    user = request.session.get("user")
    return user if isinstance(user, str) and user in site.settings.web.users else None


def _flash(request: Request, kind: str, text: str) -> None:
    request.session["flashes"] = [*request.session.get("flashes", []), [kind, text]]


Handler = Callable[[StaffSite, Request, str], Awaitable[Response]]


def _staff_only(site: StaffSite, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a route: no session, a redirect to the login page; a POST without the session's
    CSRF token, 403."""

    async def endpoint(request: Request) -> Response:
        user = _user(site, request)
        if user is None:
            return RedirectResponse("/login", status_code=303)
        if request.method == "POST":
            form = await request.form()
            if not csrf_matches(request.session.get("csrf"), form.get("csrf")):
                return PlainTextResponse(
                    "the form is out of date (CSRF token missing or wrong): reload the page "
                    "and try again",
                    status_code=403,
                )
        return await handler(site, request, user)

    return endpoint


# -- pages ----------------------------------------------------------------------------------


async def overview(site: StaffSite, request: Request, user: str) -> Response:
    snapshot = await run_in_threadpool(site.snapshot)
    counts = Counter(a.state for a in snapshot.applications)
    messages = await run_in_threadpool(site.ledger.recorded_messages)
    left = site.settings.call.deadline_utc - snapshot.taken_at
    return site.page(
        request,
        "overview.html.j2",
        snapshot=snapshot,
        counts=[(state, counts[state]) for state in STATES],
        total=len(snapshot.applications),
        messages=len(messages),
        ignored=sum(m.outcome is Outcome.IGNORED for m in messages),
        left=_duration(left),
        closed=left < timedelta(0),
    )


def _duration(delta: timedelta) -> str:
    seconds = abs(delta.total_seconds())
    days, rest = divmod(int(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    return f"{days} d {hours} h {rest // 60} min"


async def chart(site: StaffSite, request: Request, user: str) -> Response:
    def draw() -> bytes:
        return chart_png(submissions_by_day(site.snapshot(), site.settings.call))

    return Response(await run_in_threadpool(draw), media_type="image/png")


async def applications_page(site: StaffSite, request: Request, user: str) -> Response:
    filters = Filters.from_query(request.query_params)
    snapshot = await run_in_threadpool(site.snapshot)
    rows = application_rows(snapshot)
    countries = sorted({r.country for r in rows if r.country}, key=str.lower)
    flags = sorted({flag_name(f) for r in rows for f in r.flags})
    kept = sorted(
        (r for r in rows if filters.keeps(r)),
        key=lambda r: r.sort_key(filters.sort),
        reverse=filters.desc,
    )
    size = site.settings.web.page_size
    pages = max(1, math.ceil(len(kept) / size))
    page = min(filters.page, pages)
    return site.page(
        request,
        "applications.html.j2",
        rows=kept[(page - 1) * size : page * size],
        matched=len(kept),
        total=len(rows),
        filters=dataclasses.replace(filters, page=page),
        pages=pages,
        states=STATES,
        countries=countries,
        flags=flags,
        sorts=SORTS,
    )


async def application_page(site: StaffSite, request: Request, user: str) -> Response:
    reference = request.path_params["reference"]

    def read() -> dict[str, Any] | None:
        snapshot = site.snapshot()
        application = find_application(snapshot, reference)
        if application is None:
            return None
        refs = application.references
        return {
            "snapshot": snapshot,
            "application": application,
            "facts": snapshot.facts.get(application.key),
            "flags": snapshot.flags(application),
            "hints": snapshot.hints.get(application.key, ()),
            "replies": {ref: site.ledger.replies_to(ref) for ref in refs},
            "events": {
                ref: [e for e in site.ledger.events_of(ref) if e.action in STAFF_EVENTS]
                for ref in refs
            },
        }

    context = await run_in_threadpool(read)
    if context is None:
        return site.page(
            request,
            "not_found.html.j2",
            status_code=404,
            what=f"no application has a message with reference {reference}",
        )
    return site.page(request, "application.html.j2", **context)


async def failed_page(site: StaffSite, request: Request, user: str) -> Response:
    snapshot = await run_in_threadpool(site.snapshot)
    return site.page(request, "failed.html.j2", messages=snapshot.failed_replies)


async def quarantine_page(site: StaffSite, request: Request, user: str) -> Response:
    # The ledger has no quarantine: what stays out of every application is the ignored mail.
    messages = await run_in_threadpool(site.ledger.recorded_messages)
    ignored = [m for m in messages if m.outcome is Outcome.IGNORED]
    return site.page(request, "quarantine.html.j2", messages=ignored[::-1])


# -- downloads ------------------------------------------------------------------------------


def _message(site: StaffSite, reference: str) -> RecordedMessage | None:
    try:
        return actions.find_message(site.ledger.recorded_messages(), reference)
    except MailbotError:
        return None


async def raw_message(site: StaffSite, request: Request, user: str) -> Response:
    reference = request.path_params["reference"]
    message = await run_in_threadpool(_message, site, reference)
    if message is None or message.raw_path is None:
        return PlainTextResponse("no stored raw message with this reference", status_code=404)
    data = await run_in_threadpool(site.ledger.blobs.get, message.raw_path)
    return _download(data, f"{message.reference}.eml", "message.eml")


async def document(site: StaffSite, request: Request, user: str) -> Response:
    reference, sha256 = request.path_params["reference"], request.path_params["sha256"]
    message = await run_in_threadpool(_message, site, reference)
    found = next((d for d in message.documents if d.sha256 == sha256), None) if message else None
    if found is None:
        return PlainTextResponse("no such document in this message", status_code=404)
    data = await run_in_threadpool(site.ledger.blobs.get, BlobStore.relative_path(sha256))
    return _download(data, found.filename, f"{found.role}.bin")


# -- actions --------------------------------------------------------------------------------


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


def _back(reference: str) -> Response:
    return RedirectResponse(f"/applications/{urllib.parse.quote(reference)}", status_code=303)


async def _message_action(request: Request, act: Callable[[dict[str, str], str], str]) -> Response:
    """Run one staff action on the message named in the form (in a worker thread: the ledger
    blocks), flash its line or its refusal, and go back to the message's application."""
    form = await _form(request)
    reference = form.get("reference", "")
    try:
        line = await run_in_threadpool(act, form, reference)
    except MailbotError as exc:
        _flash(request, "error", str(exc))
    else:
        _flash(request, "done", line)
    return _back(reference)


async def link_action(site: StaffSite, request: Request, user: str) -> Response:
    def act(form: dict[str, str], reference: str) -> str:
        messages = site.ledger.recorded_messages()
        result = actions.link(
            site.ledger, messages, form.get("address", ""), reference, site.clock(), f"web:{user}"
        )
        state = "linked" if result.changed else "already linked"
        return f"{result.pattern} {state} to application {result.application_key}"

    return await _message_action(request, act)


async def resend_action(site: StaffSite, request: Request, user: str) -> Response:
    def act(form: dict[str, str], reference: str) -> str:
        messages = site.ledger.recorded_messages()
        key = actions.resend(site.ledger, messages, reference, site.clock(), f"web:{user}")
        return f"reply to {reference} queued again as {key}"

    return await _message_action(request, act)


async def review_action(site: StaffSite, request: Request, user: str) -> Response:
    def act(form: dict[str, str], reference: str) -> str:
        messages = site.ledger.recorded_messages()
        return actions.mark_reviewed(site.ledger, messages, reference, site.clock(), f"web:{user}")

    return await _message_action(request, act)


async def reprocess_action(site: StaffSite, request: Request, user: str) -> Response:
    """Decide a message again: first what would change (nothing recorded), then, confirmed,
    record it, as `rrr-mailbot reprocess REF` and `... --yes` do."""
    form = await _form(request)
    reference = form.get("reference", "")
    confirmed = form.get("confirm") == "1"

    def run() -> tuple[actions.Redecision, str | None, bool]:
        messages = site.ledger.recorded_messages()
        redecision = actions.redecide(site.ledger, messages, site.settings.call, reference)
        if not confirmed or not redecision.changes:
            return redecision, None, False
        key = actions.record_redecision(
            site.ledger, redecision, site.renderer, site.clock(), f"web:{user}"
        )
        return redecision, key, True

    try:
        redecision, key, recorded = await run_in_threadpool(run)
    except MailbotError as exc:
        _flash(request, "error", str(exc))
        return _back(reference)
    if not redecision.changes:
        _flash(request, "done", f"{redecision.reference}: deciding it again changes nothing")
        return _back(reference)
    if recorded:
        tail = f"new reply queued as {key}" if key else "no new reply (same outcome)"
        _flash(request, "done", f"{redecision.reference}: new decision recorded; {tail}")
        return _back(reference)
    return site.page(request, "reprocess.html.j2", redecision=redecision)


# -- login ----------------------------------------------------------------------------------


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def login_page(site: StaffSite, request: Request) -> Response:
    if request.method == "GET":
        request.session.setdefault("csrf", new_csrf_token())
        return site.page(request, "login.html.j2", error=None)
    form = await _form(request)
    if not csrf_matches(request.session.get("csrf"), form.get("csrf")):
        return PlainTextResponse("the login form is out of date: reload it", status_code=403)
    name = form.get("user", "").strip().lower()
    keys = (f"client:{_client(request)}", f"user:{name}")
    wait_s = site.limiter.retry_after_s(keys, site.monotonic())
    if wait_s > 0:
        response = site.page(
            request,
            "login.html.j2",
            status_code=429,
            error=f"too many failed logins; try again in {math.ceil(wait_s / 60)} minute(s)",
        )
        response.headers["Retry-After"] = str(math.ceil(wait_s))
        return response
    users = site.settings.web.users
    if not await run_in_threadpool(check_password, users, name, form.get("password", "")):
        site.limiter.failed(keys, site.monotonic())
        logger.warning(
            "failed web login for %r from %s",
            name,
            _client(request),
            extra={"action": "web.login_failed"},
        )
        return site.page(request, "login.html.j2", status_code=401, error="wrong user or password")
    site.limiter.succeeded(keys)
    # A new session on login: nothing from before it (a planted token) carries over.
    request.session.clear()
    request.session.update({"user": name, "csrf": new_csrf_token()})
    logger.info("web login of %s", name, extra={"action": "web.login"})
    return RedirectResponse("/", status_code=303)


async def logout(site: StaffSite, request: Request, user: str) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


def create_app(
    settings: Settings,
    ledger: Ledger,
    *,
    secret: str,
    clock: Callable[[], datetime],
    monotonic: Callable[[], float] = time.monotonic,
) -> Starlette:
    """The staff site over ``ledger``; ``secret`` signs the session cookies."""
    site = StaffSite(settings, ledger, clock=clock, monotonic=monotonic)

    def staff(path: str, handler: Handler, methods: tuple[str, ...] = ("GET",)) -> Route:
        return Route(path, _staff_only(site, handler), methods=list(methods))

    async def login(request: Request) -> Response:
        return await login_page(site, request)

    async def stylesheet(request: Request) -> Response:
        return FileResponse(HERE / "static" / "web.css", media_type="text/css")

    routes = [
        Route("/login", login, methods=["GET", "POST"]),
        Route("/static/web.css", stylesheet),
        staff("/", overview),
        staff("/chart.png", chart),
        staff("/applications", applications_page),
        staff("/applications/{reference}", application_page),
        staff("/failed", failed_page),
        staff("/quarantine", quarantine_page),
        staff("/messages/{reference}/raw", raw_message),
        staff("/messages/{reference}/documents/{sha256}", document),
        staff("/logout", logout, ("POST",)),
        staff("/actions/link", link_action, ("POST",)),
        staff("/actions/resend", resend_action, ("POST",)),
        staff("/actions/review", review_action, ("POST",)),
        staff("/actions/reprocess", reprocess_action, ("POST",)),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(
            SessionMiddleware,
            secret_key=secret,
            session_cookie="rrr_staff",
            max_age=int(settings.web.session_hours * 3600),
            same_site="strict",
            https_only=settings.web.secure_cookies,
        ),
    ]
    return Starlette(routes=routes, middleware=middleware)
