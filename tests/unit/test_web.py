"""The staff web view over a realistic ledger: every page and download behind the login, CSRF on
every POST, the login rate limit, sender-controlled text escaped, safe download headers, the
applications table's filters, and the staff actions recorded with who did them."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from rrr_mailbot.app import open_settings_ledger, utc_now
from rrr_mailbot.cli import main
from rrr_mailbot.config import load_settings
from rrr_mailbot.errors import ConfigError
from rrr_mailbot.staff.queries import take_snapshot
from rrr_mailbot.store import BlobStore
from rrr_mailbot.web.app import Filters, Row, content_disposition, create_app
from rrr_mailbot.web.auth import LoginLimiter, check_password
from rrr_mailbot.web.users import with_user
from tests.support.staff_site import (
    HOSTILE_FILE,
    HOSTILE_NAME,
    HOSTILE_SUBJECT,
    PASSWORD,
    SECRET,
    USER,
    StaffLedger,
    build_staff_ledger,
)

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture(scope="module")
def staff_ledger(tmp_path_factory: pytest.TempPathFactory) -> StaffLedger:
    return build_staff_ledger(tmp_path_factory.mktemp("web"), secure_cookies="false", page_size="3")


class Clock:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now_s = 1000.0

    def __call__(self) -> float:
        return self.now_s


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(staff_ledger: StaffLedger, clock: Clock) -> Iterator[TestClient]:
    settings = load_settings(staff_ledger.config)
    ledger = open_settings_ledger(settings, migrate=False)
    app = create_app(settings, ledger, secret=SECRET, clock=utc_now, monotonic=clock)
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client
    ledger.close()


def csrf_of(client: TestClient, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = CSRF.search(page.text)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def log_in(client: TestClient, user: str = USER, password: str = PASSWORD) -> int:
    token = csrf_of(client, "/login")
    response = client.post("/login", data={"user": user, "password": password, "csrf": token})
    return response.status_code


@pytest.fixture
def staff(client: TestClient) -> TestClient:
    assert log_in(client) == 303
    return client


def get_paths(staff_ledger: StaffLedger) -> list[str]:
    ref = staff_ledger.references["complete"]
    settings = load_settings(staff_ledger.config)
    ledger = open_settings_ledger(settings, migrate=False)
    sha = next(m for m in ledger.recorded_messages() if m.reference == ref).documents[0].sha256
    ledger.close()
    return [
        "/",
        "/chart.png",
        "/applications",
        "/applications?state=complete",
        f"/applications/{ref}",
        "/failed",
        "/quarantine",
        f"/messages/{ref}/raw",
        f"/messages/{ref}/documents/{sha}",
    ]


POSTS = ("/logout", "/actions/link", "/actions/resend", "/actions/reprocess")


def test_every_page_and_download_refuses_without_a_session(
    client: TestClient, staff_ledger: StaffLedger
) -> None:
    for path in get_paths(staff_ledger):
        response = client.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"] == "/login", path
        assert b"RRR-" not in response.content, path
    for path in POSTS:
        response = client.post(path, data={"reference": staff_ledger.references["complete"]})
        assert (response.status_code, response.headers["location"]) == (303, "/login"), path
    # A forged cookie is no session either.
    client.cookies.set("rrr_staff", "eyJ1c2VyIjogImFsaWNlIn0=.forged.sig")
    assert client.get("/applications").status_code == 303


def test_every_page_and_download_opens_with_a_session(
    staff: TestClient, staff_ledger: StaffLedger
) -> None:
    for path in get_paths(staff_ledger):
        response = staff.get(path)
        assert response.status_code == 200, path
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "script-src" not in response.headers["content-security-policy"]
        assert response.headers["content-security-policy"].startswith("default-src 'none'")


def test_login_refuses_a_wrong_password_and_an_unknown_user(client: TestClient) -> None:
    assert log_in(client, password="wrong password!") == 401
    assert log_in(client, user="mallory") == 401
    assert client.get("/").status_code == 303
    assert log_in(client) == 303
    assert client.get("/").status_code == 200


def test_login_is_rate_limited_per_user_and_frees_up_after_the_window(
    client: TestClient, clock: Clock
) -> None:
    for _ in range(5):
        assert log_in(client, password="guess guess guess") == 401
    # The right password is refused too while the limit holds: guessing cannot go on.
    token = csrf_of(client, "/login")
    refused = client.post("/login", data={"user": USER, "password": PASSWORD, "csrf": token})
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    clock.now_s += 301
    assert log_in(client) == 303


def test_limiter_counts_failures_in_the_window_only() -> None:
    limiter = LoginLimiter(attempts=2, window_s=10)
    keys = ("client:1", "user:a")
    limiter.failed(keys, 0)
    assert limiter.retry_after_s(keys, 1) == 0
    limiter.failed(keys, 1)
    assert limiter.retry_after_s(keys, 2) == 8  # the first failure ages out at 10
    assert limiter.retry_after_s(("client:2", "user:b"), 2) == 0
    assert limiter.retry_after_s(keys, 9.5) == 0.5
    assert limiter.retry_after_s(keys, 10) == 0
    limiter.succeeded(keys)
    limiter.failed(keys, 20)
    assert limiter.retry_after_s(keys, 20) == 0


def test_login_without_the_form_token_is_refused(client: TestClient) -> None:
    client.get("/login")
    response = client.post("/login", data={"user": USER, "password": PASSWORD})
    assert response.status_code == 403
    assert client.get("/").status_code == 303


def events(staff_ledger: StaffLedger, reference: str) -> list[str]:
    settings = load_settings(staff_ledger.config)
    ledger = open_settings_ledger(settings, migrate=False)
    try:
        return [f"{e.action}: {e.detail}" for e in ledger.events_of(reference)]
    finally:
        ledger.close()


@pytest.mark.parametrize("token", [None, "", "not-the-token"])
def test_actions_without_the_sessions_csrf_token_are_refused_and_change_nothing(
    staff: TestClient, staff_ledger: StaffLedger, token: str | None
) -> None:
    ref = staff_ledger.references["missing letter"]
    before = events(staff_ledger, ref)
    for path, extra in (
        ("/actions/link", {"address": "someone@porto.example"}),
        ("/actions/resend", {}),
        ("/actions/reprocess", {"confirm": "1"}),
        ("/logout", {}),
    ):
        data = {"reference": ref, **extra}
        if token is not None:
            data["csrf"] = token
        assert staff.post(path, data=data).status_code == 403, path
    assert events(staff_ledger, ref) == before
    assert staff.get("/").status_code == 200  # logout refused too


def test_sender_controlled_text_is_escaped_everywhere(
    staff: TestClient, staff_ledger: StaffLedger
) -> None:
    ref = staff_ledger.references["hostile"]
    pages = {
        "one application": staff.get(f"/applications/{ref}").text,
        "applications": staff.get("/applications?q=hostile").text,
        "search echoed": staff.get("/applications", params={"q": HOSTILE_NAME}).text,
    }
    for name, html in pages.items():
        assert "<script" not in html, name
        assert "<img" not in html, name
    page = pages["one application"]
    assert "&lt;script&gt;alert(&#39;subject&#39;)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(&#39;file&#39;)&gt;.docx" in page
    assert HOSTILE_SUBJECT not in page and HOSTILE_FILE not in page


def test_a_document_downloads_as_an_attachment_that_cannot_run(
    staff: TestClient, staff_ledger: StaffLedger
) -> None:
    ref = staff_ledger.references["hostile"]
    page = staff.get(f"/applications/{ref}").text
    link = re.search(rf'href="(/messages/{ref}/documents/([0-9a-f]{{64}}))"', page)
    assert link
    response = staff.get(link.group(1))
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == link.group(2)
    assert link.group(2) in page  # the SHA-256 staff check against the mailbox is on the page
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment; ")
    assert "<" not in response.headers["content-disposition"]
    assert response.headers["content-security-policy"] == "default-src 'none'; sandbox"
    assert response.headers["x-content-type-options"] == "nosniff"
    # A SHA-256 that is not this message's document is not served, even if the blob exists.
    other = staff_ledger.references["complete"]
    assert staff.get(f"/messages/{other}/documents/{link.group(2)}").status_code == 404


def test_the_raw_message_is_the_stored_bytes(staff: TestClient, staff_ledger: StaffLedger) -> None:
    ref = staff_ledger.references["complete"]
    response = staff.get(f"/messages/{ref}/raw")
    assert response.status_code == 200
    data_dir = staff_ledger.folder / "data"
    digest = hashlib.sha256(response.content).hexdigest()
    assert (data_dir / BlobStore.relative_path(digest)).is_file()
    assert f'filename="{ref}.eml"' in response.headers["content-disposition"]
    assert staff.get("/messages/RRR-NONE-0000/raw").status_code == 404


def test_content_disposition_keeps_no_path_and_no_quote() -> None:
    value = content_disposition('..\\evil"/x<b>.pdf', "file.bin")
    assert value == "attachment; filename=\"x_b_.pdf\"; filename*=UTF-8''x%3Cb%3E.pdf"
    assert content_disposition("Carta_de_intención.docx", "f").startswith(
        "attachment; filename=\"Carta_de_intenci_n.docx\"; filename*=UTF-8''Carta_de_intenci%C3%B3n"
    )


def rows_of(html: str) -> list[str]:
    return re.findall(r'<a href="/applications/RRR-[^"]+">([^<]+)</a>', html)


def test_applications_filter_search_sort_and_paginate(
    staff: TestClient, staff_ledger: StaffLedger
) -> None:
    everything = staff.get("/applications").text
    assert "7 of 7 applications; page 1 of 3" in everything  # page_size 3; the auto-reply is out
    assert len(rows_of(everything)) == 3
    last = staff.get("/applications?page=3").text
    assert len(rows_of(last)) == 1
    complete = staff.get("/applications?state=complete").text
    assert rows_of(complete) and "porto" not in complete and "lyon.example" not in complete
    assert "4 of 7" in complete
    late = staff.get("/applications?state=late").text
    assert rows_of(late) == ["europe@lyon.example"]
    assert rows_of(staff.get("/applications?q=PORTO.example").text) == [
        "international@porto.example"
    ]
    # A city named on the form is found too (the hostile sender sent Porto's form).
    assert len(rows_of(staff.get("/applications?q=porto").text)) == 2
    ref = staff_ledger.references["zip archive"]
    assert rows_of(staff.get(f"/applications?q={ref.lower()}").text) == ["sse@torino.example"]
    assert rows_of(staff.get("/applications?q=nowhere.example").text) == []
    flagged = staff.get("/applications?flag=missing&state=needs_review").text
    assert "0 of 7" in flagged
    by_applicant = rows_of(staff.get("/applications?sort=applicant&page=1").text)
    assert by_applicant == sorted(by_applicant)
    backwards = rows_of(staff.get("/applications?sort=applicant&desc=1").text)
    assert backwards == sorted(backwards, reverse=True) and backwards != by_applicant


def test_filters_by_country_and_flag_say_no_as_well_as_yes(
    client: TestClient, staff_ledger: StaffLedger
) -> None:
    # The demo's forms name no country and raise no flag: rows with them are made here.
    settings = load_settings(staff_ledger.config)
    ledger = open_settings_ledger(settings, migrate=False)
    snapshot = take_snapshot(ledger, settings.call, now=utc_now())
    ledger.close()
    porto, valencia = (
        next(a for a in snapshot.applications if a.key == key)
        for key in ("international@porto.example", "urbanismo@valencia.example")
    )
    rows = [
        Row(porto, city="Porto", country="Portugal", flags=("population_too_small (RRR-1)",)),
        Row(valencia, city="Valencia", country="Spain", flags=()),
    ]

    def kept(**query: str) -> list[str]:
        return [r.city for r in rows if Filters.from_query(query).keeps(r)]

    assert kept(country="portugal") == ["Porto"]
    assert kept(country="Spain") == ["Valencia"]
    assert kept(country="France") == []
    assert kept(flag="population_too_small") == ["Porto"]
    assert kept(flag="population") == []  # a flag's whole name, not a part of it
    assert kept(state="incomplete", country="Spain") == []
    assert kept(state="bogus") == ["Porto", "Valencia"]  # an unknown state filters nothing
    assert Filters.from_query({"sort": "nonsense", "page": "x"}) == Filters()


def test_one_application_shows_messages_documents_replies_and_flags(
    staff: TestClient, staff_ledger: StaffLedger
) -> None:
    ref = staff_ledger.references["missing letter"]
    page = staff.get(f"/applications/{ref}").text
    assert "international@porto.example" in page
    assert "Application form Porto.docx" in page
    assert "<th>Recognised by</th>" in page and "<td>its text</td>" in page
    assert "letter_of_intent" in page  # missing
    assert re.search(r"incomplete_notice\)[^<]*<[^>]*>[^<]*<strong>sent</strong>", page) or (
        "<strong>sent</strong>" in page
    )
    assert staff.get("/applications/RRR-NONE-0000").status_code == 404


def test_link_and_resend_are_recorded_with_who_did_them(
    staff: TestClient, staff_ledger: StaffLedger
) -> None:
    ref = staff_ledger.references["missing letter"]
    token = csrf_of(staff, f"/applications/{ref}")
    response = staff.post(
        "/actions/link",
        data={"csrf": token, "reference": ref, "address": "mayor@porto.example"},
    )
    assert (response.status_code, response.headers["location"]) == (303, f"/applications/{ref}")
    page = staff.get(response.headers["location"]).text
    assert "mayor@porto.example linked to application international@porto.example" in page
    assert any(
        e.startswith("linked: mayor@porto.example joined") and e.endswith("(by web:alice)")
        for e in events(staff_ledger, ref)
    )
    staff.post("/actions/resend", data={"csrf": token, "reference": ref})
    assert any(
        e.startswith("reply_resend: ") and e.endswith("(by web:alice)")
        for e in events(staff_ledger, ref)
    )
    # A second resend while the first waits in the outbox is refused, with the CLI's reason.
    staff.post("/actions/resend", data={"csrf": token, "reference": ref})
    assert "already waiting in the outbox" in staff.get(f"/applications/{ref}").text
    # A bad address is refused with what to write instead.
    staff.post("/actions/link", data={"csrf": token, "reference": ref, "address": "porto"})
    assert "is not an email address" in staff.get(f"/applications/{ref}").text


def test_reprocess_previews_and_records_nothing_when_nothing_changes(
    staff: TestClient, staff_ledger: StaffLedger
) -> None:
    ref = staff_ledger.references["complete"]
    token = csrf_of(staff, f"/applications/{ref}")
    before = events(staff_ledger, ref)
    response = staff.post("/actions/reprocess", data={"csrf": token, "reference": ref})
    assert response.status_code == 303
    assert "deciding it again changes nothing" in staff.get(f"/applications/{ref}").text
    assert events(staff_ledger, ref) == before


def test_logout_ends_the_session(staff: TestClient) -> None:
    token = csrf_of(staff, "/")
    assert staff.post("/logout", data={"csrf": token}).status_code == 303
    assert staff.get("/").status_code == 303


def test_secure_cookies_by_default(tmp_path: Path) -> None:
    staff_ledger = build_staff_ledger(tmp_path)
    settings = load_settings(staff_ledger.config)
    assert settings.web.secure_cookies and settings.web.address == "127.0.0.1"
    ledger = open_settings_ledger(settings, migrate=False)
    app = create_app(settings, ledger, secret=SECRET, clock=utc_now)
    with TestClient(app, base_url="https://testserver") as client:
        cookie = client.get("/login").headers["set-cookie"].lower()
    ledger.close()
    assert "secure" in cookie and "httponly" in cookie and "samesite=strict" in cookie


def test_passwd_writes_an_argon2_hash_into_the_config(tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text('call_from = "rrr-2021.toml"\n# keep me\n', encoding="utf-8")
    assert (
        main(["web", "passwd", "Bob", "--password", "a long passphrase", "--config", str(config)])
        == 0
    )
    assert (
        main(["web", "passwd", "bob", "--password", "another passphrase", "--config", str(config)])
        == 0
    )
    text = config.read_text(encoding="utf-8")
    assert "# keep me" in text and text.count("bob = ") == 1
    users = load_settings(config).web.users
    assert check_password(users, "bob", "another passphrase")
    assert not check_password(users, "bob", "a long passphrase")
    assert main(["web", "passwd", "carol", "--password", "short", "--config", str(config)]) == 2
    assert "carol" not in config.read_text(encoding="utf-8")


def test_with_user_adds_under_an_existing_table_and_refuses_odd_names() -> None:
    text = '[web]\nport = 9000\n[web.users]\nann = "$argon2id$old"\n[ocr]\nenabled = false\n'
    updated = with_user(text, "ben", "$argon2id$new")
    assert updated.index('ben = "$argon2id$new"') < updated.index("[ocr]")
    assert 'ann = "$argon2id$old"' in updated
    assert with_user(updated, "ann", "$argon2id$x").count("ann = ") == 1
    with pytest.raises(ConfigError):
        with_user(text, 'x" = 1\n[evil', "$argon2id$new")


def test_web_refuses_to_start_unconfigured_or_without_a_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "settings.toml"
    config.write_text('call_from = "rrr-2021.toml"\n', encoding="utf-8")
    assert main(["web", "--config", str(config)]) == 2
    assert "web view is off" in capsys.readouterr().err
    config.write_text(
        'call_from = "rrr-2021.toml"\n[web.users]\nann = "$argon2id$v=19$m=65536,t=3,p=4$x$y"\n',
        encoding="utf-8",
    )
    monkeypatch.delenv("RRR_MAILBOT_WEB_SECRET", raising=False)
    assert main(["web", "--config", str(config)]) == 2
    assert "RRR_MAILBOT_WEB_SECRET" in capsys.readouterr().err
    config.write_text('call_from = "rrr-2021.toml"\n[web.users]\nann = "plain"\n', encoding="utf-8")
    assert main(["web", "--config", str(config)]) == 2
    assert "web passwd ann" in capsys.readouterr().err


def test_reprocess_after_a_config_fix_previews_then_records_with_who_did_it(
    tmp_path: Path,
) -> None:
    """Lyon's message came a second late; with the deadline moved a day (a config fix), the
    first POST shows what would change and records nothing, the confirmed one records it."""
    staff_ledger = build_staff_ledger(tmp_path, secure_cookies="false")
    settings = load_settings(staff_ledger.config)
    fixed = settings.model_copy(
        update={
            "call": settings.call.model_copy(
                update={"deadline": settings.call.deadline + timedelta(days=1)}
            )
        }
    )
    ref = staff_ledger.references["late by one second"]
    ledger = open_settings_ledger(fixed, migrate=False)
    app = create_app(fixed, ledger, secret=SECRET, clock=utc_now)
    with TestClient(app, follow_redirects=False) as client:
        assert log_in(client) == 303
        token = csrf_of(client, f"/applications/{ref}")
        preview = client.post("/actions/reprocess", data={"csrf": token, "reference": ref})
        assert preview.status_code == 200
        assert "outcome: late -&gt; accepted" in preview.text
        assert not any(e.startswith("reprocessed") for e in events(staff_ledger, ref))
        done = client.post(
            "/actions/reprocess", data={"csrf": token, "reference": ref, "confirm": "1"}
        )
        assert done.status_code == 303
        page = client.get(f"/applications/{ref}").text
    ledger.close()
    assert f"new reply queued as {ref}:reprocess:1" in page
    recorded = events(staff_ledger, ref)
    assert any(
        e.startswith("reprocessed: was: late;") and e.endswith("(by web:alice)") for e in recorded
    )
    assert any(e.startswith("reply_reprocess: ") and e.endswith("(by web:alice)") for e in recorded)


def test_marking_flags_reviewed_is_a_post_with_the_csrf_token(
    staff: TestClient, staff_ledger: StaffLedger
) -> None:
    ref = staff_ledger.references["missing letter"]
    token = csrf_of(staff, f"/applications/{ref}")
    refused = staff.post("/actions/review", data={"csrf": "forged", "reference": ref})
    assert refused.status_code == 403
    response = staff.post("/actions/review", data={"csrf": token, "reference": ref})
    assert response.status_code == 303
    page = staff.get(response.headers["location"]).text
    assert "has no review flags: nothing to mark" in page  # the CLI's own line
