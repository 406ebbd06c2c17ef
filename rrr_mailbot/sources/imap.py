"""A real mailbox over IMAP: the production source.

Reads ``[mailbox] folder`` with imapclient, oldest arrival first, and hands each message over with
its INTERNALDATE (the time our server received it, which decides the deadline). Once a message's
decision is committed it is moved to ``processed_folder`` (or ``processed_folder/<Decision>``):

    MOVE                          when the server offers MOVE (RFC 6851)
    COPY + \\Deleted + EXPUNGE     otherwise (UID EXPUNGE when the server offers UIDPLUS)
    keyword $RRRProcessed         when processed_folder is "" or the folder cannot be created

so nothing is ever deleted, and a pass never sees a processed message again. Keys are
``"<UIDVALIDITY>:<UID>"``: when a server resets UIDVALIDITY (a rebuilt folder) the same messages
come again under new keys and the ledger recognises them by their bytes.

Messages over ``limits.max_message_bytes`` are not downloaded: only their header block is, and they
are handed over with ``truncated=True`` and their real size.

Connection problems raise SourceError (SourceAuthError for refused credentials) with what to check;
the caller reconnects with backoff by calling ``connect()`` again.
"""

from __future__ import annotations

import contextlib
import logging
import re
import ssl
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError

from rrr_mailbot.config import ImapSettings, Limits
from rrr_mailbot.errors import ConfigError, SourceAuthError, SourceError
from rrr_mailbot.model import IncomingMessage, Outcome

logger = logging.getLogger(__name__)

PROCESSED_KEYWORD = "$RRRProcessed"
DECISION_FOLDERS = {
    Outcome.ACCEPTED: "Accepted",
    Outcome.INCOMPLETE: "Incomplete",
    Outcome.LATE: "Late",
    Outcome.IGNORED: "Ignored",
}
REVIEW_FOLDER = "Needs-review"

# A fetch batch also stops at this many bytes, so fetch_batch_size messages near the size limit
# cannot add up to gigabytes in memory at once; a batch always holds at least one message.
_BATCH_MAX_BYTES = 64_000_000
# UIDs per metadata FETCH command: keeps command lines short on a mailbox with many messages.
_META_CHUNK = 500

_NO_DATE = datetime.max.replace(tzinfo=UTC)  # sorts a message without a date last

# What a failing socket or TLS layer raises; imaplib's abort means the session is unusable.
_CONNECTION_ERRORS: tuple[type[BaseException], ...] = (IMAPClientAbortError, OSError)


@dataclass(frozen=True)
class _Candidate:
    uid: int
    size_bytes: int
    arrival: datetime | None


@dataclass(frozen=True)
class _Mark:
    """A committed message waiting to be moved or flagged (see ImapSource.flush_marks)."""

    uidvalidity: int
    uid: int
    key: str
    outcome: Outcome
    review: bool


_IDLE_EARLY_S = 0.05  # idle_check returning this long before its timeout, with nothing, woke early
_IDLE_EMPTY_WAKEUPS = 3  # that many early, empty wake-ups in a row: the socket is at EOF


class ImapSource:
    """Reads one IMAP folder; implements ports.MailSource, plus ``connect`` and IDLE waiting."""

    def __init__(
        self,
        settings: ImapSettings,
        limits: Limits,
        *,
        since: date,
        token_provider: Callable[[], str] | None = None,
    ) -> None:
        self.settings = settings
        self.limits = limits
        self.since = since
        self._token_provider = token_provider
        self._client: IMAPClient | None = None
        self._uidvalidity: int | None = None
        self._seen_uidnext = 0
        self._delimiter: str | None = None
        self._namespace_prefix = ""
        self._ready_folders: set[str] = set()
        self._keywords_allowed = True
        self._warned_folders: set[str] = set()
        self._pending: list[_Mark] = []  # committed messages not marked yet (flush_marks)
        self._in_pass = False  # inside fetch_new: marks are buffered

    # ------------------------------------------------------------------------------ connection

    @property
    def server(self) -> str:
        """``host:port`` for messages and logs."""
        return f"{self.settings.host}:{self.settings.effective_port}"

    @property
    def client(self) -> IMAPClient | None:
        """The live imapclient session, or None when not connected (for diagnostics)."""
        return self._client

    @property
    def uidvalidity(self) -> int | None:
        """UIDVALIDITY of the folder as last selected."""
        return self._uidvalidity

    def connect(self) -> None:
        """Connect, secure, log in and select the folder; closes any previous session first.

        Raises SourceAuthError when the server refuses the credentials, SourceError when it cannot
        be reached, its certificate cannot be verified or the folder cannot be opened.
        """
        self.close()
        client = self._open()
        try:
            self._login(client)
        except BaseException:
            with contextlib.suppress(*_CONNECTION_ERRORS):
                client.shutdown()
            raise
        self._client = client
        try:
            with self._guard(f"opening folder {self.settings.folder!r}"):
                self._read_namespace(client)
                self._select()
        except BaseException:
            self._drop()
            raise
        logger.info(
            "connected to IMAP server %s as %s, folder %s (UIDVALIDITY %s)",
            self.server,
            self.settings.username,
            self.settings.folder,
            self._uidvalidity,
            extra={"action": "imap.connect", "uidvalidity": self._uidvalidity},
        )

    def close(self) -> None:
        """Log out; never raises (the connection may already be gone)."""
        self._flush_quietly()
        client, self._client = self._client, None
        self._ready_folders.clear()
        if client is None:
            return
        try:
            client.logout()
        except (IMAPClientError, OSError):
            with contextlib.suppress(*_CONNECTION_ERRORS):
                client.shutdown()

    def _drop(self) -> None:
        """Forget a session that failed; the next operation reconnects."""
        client, self._client = self._client, None
        self._ready_folders.clear()
        if client is not None:
            with contextlib.suppress(*_CONNECTION_ERRORS):
                client.shutdown()

    def _ssl_context(self) -> ssl.SSLContext:
        ca_file = self.settings.ca_file
        try:
            return ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
        except (OSError, ssl.SSLError) as exc:
            raise SourceError(
                f"cannot load [mailbox] ca_file {ca_file}: {_reason(exc)}; "
                "give the PEM file of the CA that signed the IMAP server's certificate"
            ) from exc

    def _tls_failure(self, exc: ssl.SSLError) -> SourceError:
        reason = getattr(exc, "verify_message", None) or getattr(exc, "reason", None) or str(exc)
        trusted = (
            f"[mailbox] ca_file {self.settings.ca_file}"
            if self.settings.ca_file
            else "the system's CA store ([mailbox] ca_file is not set)"
        )
        return SourceError(
            f"TLS with IMAP server {self.server} failed: {reason}; the certificate was checked "
            f"against {trusted}; check [mailbox] ca_file and that [mailbox] host is the name "
            "in the server's certificate"
        )

    def _open(self) -> IMAPClient:
        settings = self.settings
        context = self._ssl_context() if settings.security != "none" else None
        try:
            client = IMAPClient(
                settings.host,
                settings.effective_port,
                ssl=settings.security == "tls",
                ssl_context=context,
                timeout=settings.timeout_s,
            )
        except ssl.SSLError as exc:
            raise self._tls_failure(exc) from exc
        except (OSError, IMAPClientError) as exc:
            raise SourceError(
                f"cannot connect to IMAP server {self.server}: {_reason(exc)}; "
                "check [mailbox] host/port/security"
            ) from exc
        # imapclient leaves imaplib at debug level 5, which makes imaplib build a repr of every
        # literal it reads (and of LOGIN's arguments) even with logging off: 8x the memory of a
        # large message and ~9x the CPU of a big FETCH. Nothing we need comes from it.
        client._imap.debug = 0
        # INTERNALDATE with its zone: the default converts it to naive local time.
        client.normalise_times = False
        try:
            if settings.security == "starttls":
                if not client.has_capability("STARTTLS"):
                    raise SourceError(
                        f"IMAP server {self.server} does not offer STARTTLS; check [mailbox] "
                        'security (use "tls" with port 993 if the server speaks TLS from the start)'
                    )
                client.starttls(context)
        except ssl.SSLError as exc:
            with contextlib.suppress(*_CONNECTION_ERRORS):
                client.shutdown()
            raise self._tls_failure(exc) from exc
        except (OSError, IMAPClientError) as exc:
            with contextlib.suppress(*_CONNECTION_ERRORS):
                client.shutdown()
            raise SourceError(
                f"STARTTLS with IMAP server {self.server} failed: {_reason(exc)}; "
                "check [mailbox] security"
            ) from exc
        except SourceError:
            with contextlib.suppress(*_CONNECTION_ERRORS):
                client.shutdown()
            raise
        return client

    def _login(self, client: IMAPClient) -> None:
        settings = self.settings
        user = settings.username
        try:
            if settings.oauth2 is not None:
                token = self._oauth2_token()
                if settings.oauth2.mechanism == "OAUTHBEARER":
                    client.oauthbearer_login(user, token)
                else:
                    client.oauth2_login(user, token)
            else:
                if settings.password is None:
                    raise ConfigError(
                        f"[mailbox] needs a password for {user}: set the environment variable "
                        f"{settings.password_env or '(see [mailbox] password_env)'}, or configure "
                        "[mailbox.oauth2]"
                    )
                client.login(user, settings.password.get_secret_value())
        except LoginError as exc:
            if settings.oauth2 is not None:
                hint = (
                    f"check [mailbox] username and the token from [mailbox.oauth2] (mechanism "
                    f"{settings.oauth2.mechanism}; an expired token is the usual cause)"
                )
            elif settings.password_env:
                hint = f"check [mailbox] username and the password in ${settings.password_env}"
            else:
                hint = "check [mailbox] username and password"
            raise SourceAuthError(
                f"IMAP server {self.server} refused login for {user}: {_reason(exc)}; {hint}"
            ) from exc
        except _CONNECTION_ERRORS as exc:
            raise SourceError(
                f"IMAP server {self.server} closed the connection during login: {_reason(exc)}; "
                "check [mailbox] host/port/security"
            ) from exc
        except IMAPClientError as exc:
            raise SourceError(
                f"IMAP server {self.server} rejected the login command for {user}: {_reason(exc)}; "
                "check [mailbox] security and that the server allows this login method"
            ) from exc

    def _oauth2_token(self) -> str:
        if self._token_provider is not None:
            return self._token_provider()
        oauth2 = self.settings.oauth2
        assert oauth2 is not None
        from rrr_mailbot.oauth import fetch_oauth2_token

        return fetch_oauth2_token(oauth2)

    def _read_namespace(self, client: IMAPClient) -> None:
        """Learn the hierarchy delimiter and personal prefix (e.g. "INBOX." on Courier)."""
        delimiter: str | None = None
        prefix = ""
        try:
            if client.has_capability("NAMESPACE"):
                personal = client.namespace().personal
                if personal:
                    prefix, delimiter = personal[0][0], personal[0][1]
            if delimiter is None:
                listing = client.list_folders("", "")
                if listing:
                    delimiter = _text(listing[0][1]) if listing[0][1] else None
        except _CONNECTION_ERRORS:
            raise
        except IMAPClientError as exc:
            logger.warning(
                "IMAP server %s did not tell its folder delimiter (%s); assuming '/'",
                self.server,
                _reason(exc),
                extra={"action": "imap.namespace"},
            )
        self._delimiter = _text(delimiter) if delimiter else None
        self._namespace_prefix = _text(prefix) if prefix else ""

    def _select(self) -> None:
        client = self._require()
        folder = self.settings.folder
        try:
            info = client.select_folder(folder)
        except _CONNECTION_ERRORS:
            raise
        except IMAPClientError as exc:
            raise SourceError(
                f"cannot open folder {folder!r} on IMAP server {self.server}: {_reason(exc)}; "
                f"check [mailbox] folder (this account has: {self._folder_names(client)})"
            ) from exc
        uidvalidity = int(info.get(b"UIDVALIDITY", 0))
        if self._uidvalidity is not None and uidvalidity != self._uidvalidity:
            logger.warning(
                "UIDVALIDITY of %s changed from %s to %s: its messages will be seen again under "
                "new keys (the ledger recognises them by content)",
                folder,
                self._uidvalidity,
                uidvalidity,
                extra={"action": "imap.uidvalidity", "uidvalidity": uidvalidity},
            )
            self._seen_uidnext = 0
        self._uidvalidity = uidvalidity
        permanent = {_text(f) for f in info.get(b"PERMANENTFLAGS", ())}
        self._keywords_allowed = "\\*" in permanent or PROCESSED_KEYWORD in permanent
        self._seen_uidnext = max(self._seen_uidnext, int(info.get(b"UIDNEXT", 0)))

    def _folder_names(self, client: IMAPClient) -> str:
        try:
            names = [_text(name) for _, _, name in client.list_folders()]
        except (IMAPClientError, OSError):
            return "(could not list folders)"
        shown = ", ".join(repr(n) for n in sorted(names)[:20])
        return shown + (f" and {len(names) - 20} more" if len(names) > 20 else "")

    def _require(self) -> IMAPClient:
        if self._client is None:
            self.connect()
        assert self._client is not None
        return self._client

    @contextlib.contextmanager
    def _guard(self, doing: str) -> Iterator[None]:
        """Turn a library failure into a SourceError; a broken session is dropped for reconnect."""
        try:
            yield
        except _CONNECTION_ERRORS as exc:
            self._drop()
            raise SourceError(
                f"lost the connection to IMAP server {self.server} while {doing}: "
                f"{_reason(exc)}; it is re-established on the next attempt"
            ) from exc
        except IMAPClientError as exc:
            raise SourceError(f"IMAP server {self.server} refused {doing}: {_reason(exc)}") from exc

    # ------------------------------------------------------------------------------ reading

    def fetch_new(self) -> Iterator[IncomingMessage]:
        """Yield unprocessed messages that arrived on or after ``since``, oldest first."""
        client = self._require()
        with self._guard(f"selecting {self.settings.folder!r}"):
            self._select()
        uidvalidity = self._uidvalidity
        with self._guard("searching for new messages"):
            uids = sorted(
                client.search(
                    ["SINCE", self.since, "NOT", "DELETED", "NOT", "KEYWORD", PROCESSED_KEYWORD]
                )
            )
        if uids:
            self._seen_uidnext = max(self._seen_uidnext, uids[-1] + 1)
        candidates = self._candidates(client, uids)
        self._in_pass = True
        try:
            for batch in self._batches(candidates):
                yield from self._fetch_batch(client, batch, uidvalidity)
                self.flush_marks()  # the batch's messages, marked by the caller meanwhile
        except GeneratorExit:
            self._flush_quietly()  # the caller stopped early: mark what it committed
            raise
        finally:
            self._in_pass = False

    def _flush_quietly(self) -> None:
        if self._client is None:
            return  # the session is gone: the marks wait for the next pass (never a reconnect)
        try:
            self.flush_marks()
        except SourceError as exc:
            # Not marked means read again on the next pass and found in the ledger: no harm.
            logger.warning(
                "%d processed message(s) not marked yet: %s; they are marked on the next pass",
                len(self._pending),
                exc,
                extra={"action": "imap.mark_deferred", "keys": [m.key for m in self._pending]},
            )

    def _candidates(self, client: IMAPClient, uids: Sequence[int]) -> list[_Candidate]:
        found: list[_Candidate] = []
        for start in range(0, len(uids), _META_CHUNK):
            chunk = uids[start : start + _META_CHUNK]
            with self._guard("reading message sizes and dates"):
                response = client.fetch(chunk, ["RFC822.SIZE", "INTERNALDATE", "FLAGS"])
            for uid, data in response.items():
                flags = {_text(f).lower() for f in data.get(b"FLAGS", ())}
                if "\\deleted" in flags or PROCESSED_KEYWORD.lower() in flags:
                    continue
                arrival = data.get(b"INTERNALDATE")
                if not isinstance(arrival, datetime):
                    # Unheard of, but intake can still date the message by its Received header.
                    logger.warning(
                        "IMAP server %s sent no INTERNALDATE for UID %s",
                        self.server,
                        uid,
                        extra={"action": "imap.no_internaldate", "uid": uid},
                    )
                found.append(
                    _Candidate(
                        int(uid),
                        int(data.get(b"RFC822.SIZE", 0)),
                        _aware(arrival) if isinstance(arrival, datetime) else None,
                    )
                )
        # Oldest arrival first; UID breaks ties (and orders messages appended with one date).
        found.sort(key=lambda c: (c.arrival or _NO_DATE, c.uid))
        return found

    def _batches(self, candidates: Sequence[_Candidate]) -> Iterator[list[_Candidate]]:
        batch: list[_Candidate] = []
        batch_bytes = 0
        limit = self.settings.fetch_batch_size
        for candidate in candidates:
            size = candidate.size_bytes if not self._too_big(candidate) else 0
            if batch and (len(batch) >= limit or batch_bytes + size > _BATCH_MAX_BYTES):
                yield batch
                batch, batch_bytes = [], 0
            batch.append(candidate)
            batch_bytes += size
        if batch:
            yield batch

    def _too_big(self, candidate: _Candidate) -> bool:
        return candidate.size_bytes > self.limits.max_message_bytes

    def _fetch_batch(
        self, client: IMAPClient, batch: Sequence[_Candidate], uidvalidity: int | None
    ) -> Iterator[IncomingMessage]:
        whole = [c.uid for c in batch if not self._too_big(c)]
        headers_only = [c.uid for c in batch if self._too_big(c)]
        started = time.monotonic()
        bodies: dict[int, bytes] = {}
        with self._guard("downloading messages"):
            if whole:
                for uid, data in client.fetch(whole, ["BODY.PEEK[]"]).items():
                    body = data.get(b"BODY[]")
                    if isinstance(body, bytes):
                        bodies[int(uid)] = body
            if headers_only:
                for uid, data in client.fetch(headers_only, ["BODY.PEEK[HEADER]"]).items():
                    header = data.get(b"BODY[HEADER]")
                    if isinstance(header, bytes):
                        bodies[int(uid)] = header
        logger.info(
            "fetched %d of %d message(s) from %s (%d header-only), %d bytes in %.2f s",
            len(bodies),
            len(batch),
            self.settings.folder,
            len(headers_only),
            sum(len(b) for b in bodies.values()),
            time.monotonic() - started,
            extra={
                "action": "imap.fetch",
                "uids": [c.uid for c in batch],
                "uidvalidity": uidvalidity,
            },
        )
        for candidate in batch:
            raw = bodies.pop(candidate.uid, None)
            if raw is None:
                # Gone since the search (another client moved or expunged it): nothing to do.
                logger.info(
                    "UID %s vanished before it could be fetched",
                    candidate.uid,
                    extra={"action": "imap.vanished", "uid": candidate.uid},
                )
                continue
            truncated = self._too_big(candidate)
            yield IncomingMessage(
                key=f"{uidvalidity}:{candidate.uid}",
                raw=raw,
                size_bytes=candidate.size_bytes if truncated else len(raw),
                arrival=candidate.arrival,
                truncated=truncated,
            )

    # ------------------------------------------------------------------------------ marking

    def mark_processed(self, message: IncomingMessage, outcome: Outcome, review: bool) -> None:
        """Move the message out of the folder (see the module docstring); idempotent.

        During a fetch_new pass the mark is buffered and made with others in one command per
        folder (UID sets), at the end of each fetch batch, of the pass, or at close: the caller
        marks only committed messages, and a mark lost to a crash only means the message is
        read again and found in the ledger. Outside a pass it is made at once.
        """
        uidvalidity, uid = _parse_key(message.key)
        if uidvalidity != self._uidvalidity:
            logger.warning(
                "not marking %s: the folder's UIDVALIDITY is now %s, so that UID means another "
                "message; it will be fetched again under a new key",
                message.key,
                self._uidvalidity,
                extra={"action": "imap.stale_key", "key": message.key},
            )
            return
        self._pending.append(_Mark(uidvalidity, uid, message.key, outcome, review))
        if not self._in_pass or len(self._pending) >= self.settings.fetch_batch_size:
            self.flush_marks()

    def flush_marks(self) -> None:
        """Make the buffered marks: one FLAGS fetch, then one MOVE (or COPY + EXPUNGE, or
        STORE of the keyword) per target folder. Raises SourceError; the marks not made stay
        buffered for the next flush."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        try:
            self._mark(pending)
        except BaseException:
            self._pending = pending + self._pending
            raise

    def _mark(self, pending: Sequence[_Mark]) -> None:
        client = self._require()
        live = [m for m in pending if m.uidvalidity == self._uidvalidity]
        flags_by_uid: dict[int, set[str]] = {}
        for start in range(0, len(live), _META_CHUNK):
            chunk = [m.uid for m in live[start : start + _META_CHUNK]]
            with self._guard(f"checking {len(chunk)} UID(s) before marking them"):
                for uid, data in client.fetch(chunk, ["FLAGS"]).items():
                    flags_by_uid[int(uid)] = {_text(f).lower() for f in data.get(b"FLAGS", ())}
        undelete: list[int] = []
        by_folder: dict[str | None, list[_Mark]] = {}
        for mark in live:
            flags = flags_by_uid.get(mark.uid)
            if flags is None:
                logger.info(
                    "%s is already gone from %s (marked in an earlier run)",
                    mark.key,
                    self.settings.folder,
                    extra={"action": "imap.move", "key": mark.key},
                )
                continue
            if PROCESSED_KEYWORD.lower() in flags:
                continue
            if "\\deleted" in flags:
                # An earlier COPY + \\Deleted was cut off before its EXPUNGE, or someone deleted the
                # message by hand. Either way, move it cleanly: a second copy beats a lost message.
                undelete.append(mark.uid)
            target = self._target_folder(mark.outcome, mark.review)
            if target is not None and not self._ensure_folder(client, target):
                target = None
            by_folder.setdefault(target, []).append(mark)
        if undelete:
            with self._guard(f"undeleting {len(undelete)} UID(s)"):
                client.remove_flags(undelete, [b"\\Deleted"], silent=True)
        for folder, marks in by_folder.items():
            if folder is not None:
                self._move(client, marks, folder)
            else:
                self._flag(client, marks)

    def _flag(self, client: IMAPClient, marks: Sequence[_Mark]) -> None:
        if not self._keywords_allowed:
            raise SourceError(
                f"cannot mark {marks[0].key} as processed: IMAP server {self.server} keeps no "
                f"keywords in {self.settings.folder!r} and no processed folder can be used; "
                "set [mailbox] processed_folder to a folder this account may create"
            )
        with self._guard(f"flagging {len(marks)} UID(s) as processed"):
            client.add_flags([m.uid for m in marks], [PROCESSED_KEYWORD], silent=True)
        logger.info(
            "marked %s with %s",
            ", ".join(m.key for m in marks),
            PROCESSED_KEYWORD,
            extra={
                "action": "imap.move",
                "keys": [m.key for m in marks],
                "keyword": PROCESSED_KEYWORD,
            },
        )

    def processed_folders(self) -> list[str]:
        """Every folder mark_processed may move a message into (empty in keyword-only mode)."""
        targets = {self._target_folder(o, r) for o in Outcome for r in (False, True)}
        return sorted(t for t in targets if t is not None)

    def missing_folders(self) -> list[str]:
        """The processed folders that do not exist yet; creates nothing (for `doctor`)."""
        client = self._require()
        with self._guard("listing the processed folders"):
            return [f for f in self.processed_folders() if not client.folder_exists(f)]

    def create_folders(self) -> list[str]:
        """Create the missing processed folders (for `doctor --fix`); returns those created.

        Raises SourceError when the server refuses one: the service would fall back to a keyword.
        """
        client = self._require()
        missing = self.missing_folders()
        for folder in missing:
            if not self._ensure_folder(client, folder):
                raise SourceError(
                    f"IMAP server {self.server} refused to create folder {folder!r}; set "
                    "[mailbox] processed_folder to a folder this account may create"
                )
        return missing

    def take_marked(self, header: str, value: str) -> str | None:
        """Find a message whose ``header`` is ``value`` (the `doctor --send-test` canary) in the
        folder or a processed folder, and delete it; the folder where it was, or None.

        Leaves the session on the watched folder again.
        """
        client = self._require()
        try:
            for folder in (self.settings.folder, *self.processed_folders()):
                with self._guard(f"looking for the test message in {folder!r}"):
                    if folder != self.settings.folder and not client.folder_exists(folder):
                        continue
                    client.select_folder(folder)
                    uids = client.search(["HEADER", header, value])
                    if uids:
                        client.delete_messages(uids)
                        client.expunge(uids)
                        return folder
            return None
        finally:
            with self._guard(f"opening folder {self.settings.folder!r}"):
                self._select()

    def _target_folder(self, outcome: Outcome, review: bool) -> str | None:
        base = self.settings.processed_folder.strip()
        if not base:
            return None  # keyword-only mode
        delimiter = self._delimiter or "/"
        prefix = self._namespace_prefix
        if prefix and not base.startswith(prefix) and base.upper() != "INBOX":
            base = prefix + base
        if not self.settings.per_decision_folders:
            return base
        leaf = REVIEW_FOLDER if review else DECISION_FOLDERS[outcome]
        return f"{base}{delimiter}{leaf}"

    def _ensure_folder(self, client: IMAPClient, folder: str) -> bool:
        """Create the folder when missing; False when the server refuses to have it."""
        if folder in self._ready_folders:
            return True
        with self._guard(f"creating folder {folder!r}"):
            if not client.folder_exists(folder):
                try:
                    client.create_folder(folder)
                except IMAPClientError as exc:
                    if isinstance(exc, IMAPClientAbortError):
                        raise
                    # Another process may have created it meanwhile; else it is a refusal.
                    if not client.folder_exists(folder):
                        self._warn_fallback(folder, exc)
                        return False
                with contextlib.suppress(IMAPClientError):
                    client.subscribe_folder(folder)  # so that mail clients show it
                logger.info(
                    "created folder %s", folder, extra={"action": "imap.create", "folder": folder}
                )
        self._ready_folders.add(folder)
        return True

    def _warn_fallback(self, folder: str, exc: BaseException) -> None:
        if folder in self._warned_folders:
            return
        self._warned_folders.add(folder)
        logger.warning(
            "IMAP server %s refused to create folder %s (%s); marking processed messages with "
            "the keyword %s instead: check [mailbox] processed_folder",
            self.server,
            folder,
            _reason(exc),
            PROCESSED_KEYWORD,
            extra={"action": "imap.fallback", "folder": folder},
        )

    def _move(self, client: IMAPClient, marks: Sequence[_Mark], folder: str) -> None:
        uids = [m.uid for m in marks]
        with self._guard(f"moving {len(uids)} UID(s) to {folder!r}"):
            if client.has_capability("MOVE"):
                client.move(uids, folder)
                how = "MOVE"
            else:
                client.copy(uids, folder)
                client.add_flags(uids, [b"\\Deleted"], silent=True)
                self._expunge(client, uids)
                how = "COPY+EXPUNGE"
        logger.info(
            "moved %s to %s (%s)",
            ", ".join(m.key for m in marks),
            folder,
            how,
            extra={
                "action": "imap.move",
                "keys": [m.key for m in marks],
                "folder": folder,
                "method": how,
            },
        )

    def _expunge(self, client: IMAPClient, uids: Sequence[int]) -> None:
        if client.has_capability("UIDPLUS"):
            client.uid_expunge(uids)
        else:
            # Without UIDPLUS, EXPUNGE removes every \Deleted message of the folder; only the
            # messages someone already chose to delete are affected.
            client.expunge()

    # ------------------------------------------------------------------------------ waiting

    def wait_for_changes(self, timeout_s: float) -> bool:
        """Wait up to ``timeout_s`` for new mail; True when some arrived.

        Uses IDLE when the server offers it and ``[mailbox] idle`` is on (re-issued every
        ``idle_renew_s``, well inside the 29 minutes servers allow), else asks every
        ``poll_interval_s``.
        """
        client = self._require()
        if self._has_new_uids(client):
            return True
        if self.settings.idle and client.has_capability("IDLE"):
            return self._idle(client, timeout_s)
        return self._poll(client, timeout_s)

    def _has_new_uids(self, client: IMAPClient) -> bool:
        # Mail that came since the last search may have been announced during another command,
        # where imaplib swallowed the EXISTS, so an IDLE started now would not hear of it. NOOP
        # brings the session's view up to date; then the UID range tells what is new.
        with self._guard("checking for new messages"):
            client.noop()
            uids = client.search(["UID", f"{max(self._seen_uidnext, 1)}:*"])
        return any(uid >= self._seen_uidnext for uid in uids)

    def _idle(self, client: IMAPClient, timeout_s: float) -> bool:
        deadline = time.monotonic() + timeout_s
        with self._guard("waiting for new mail (IDLE)"):
            while True:
                # Servers drop an IDLE after 30 minutes; end it and start another in good time.
                until = min(deadline, time.monotonic() + self.settings.idle_renew_s)
                client.idle()
                try:
                    new_mail = self._idle_until(client, until)
                except BaseException:
                    with contextlib.suppress(Exception):
                        client.idle_done()
                    raise
                client.idle_done()
                if new_mail:
                    logger.debug(
                        "IDLE: new mail in %s", self.settings.folder, extra={"action": "imap.idle"}
                    )
                    return True
                if time.monotonic() >= deadline:
                    return False

    def _idle_until(self, client: IMAPClient, until: float) -> bool:
        empty_wakeups = 0
        while (now := time.monotonic()) < until:
            responses = client.idle_check(timeout=until - now)
            if any(_is_bye(r) for r in responses):
                raise IMAPClientAbortError(f"server said {_describe(responses)}")
            if any(_is_new_mail(r) for r in responses):
                return True
            # idle_check swallows EOF and returns nothing at once: a socket that keeps waking
            # us with nothing to read was closed by the server (or the network) without a BYE.
            woke_early = not responses and time.monotonic() < until - _IDLE_EARLY_S
            empty_wakeups = empty_wakeups + 1 if woke_early else 0
            if empty_wakeups >= _IDLE_EMPTY_WAKEUPS:
                raise IMAPClientAbortError("the connection was closed during IDLE (EOF)")
        return False

    def _poll(self, client: IMAPClient, timeout_s: float) -> bool:
        deadline = time.monotonic() + timeout_s
        while (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, self.settings.poll_interval_s))
            if self._has_new_uids(client):
                return True
        return False


def _parse_key(key: str) -> tuple[int, int]:
    try:
        uidvalidity, uid = key.split(":")
        return int(uidvalidity), int(uid)
    except ValueError:
        raise SourceError(
            f"{key!r} is not an IMAP message key (<uidvalidity>:<uid>); was it read from "
            "another source?"
        ) from None


def _aware(value: datetime) -> datetime:
    # normalise_times=False keeps the server's zone; a server sending none is read as UTC.
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=UTC)
    return value


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


_BYTES_REPR = re.compile(r"""^b(['"])(.*)\1$""", re.DOTALL)


def _reason(exc: BaseException) -> str:
    """The server's or the system's words, without Python's b'...' wrapping."""
    if isinstance(exc, ssl.SSLCertVerificationError) and exc.verify_message:
        return str(exc.verify_message)
    if isinstance(exc, OSError) and exc.strerror:
        return str(exc.strerror)
    text = str(exc) or type(exc).__name__
    match = _BYTES_REPR.match(text)
    return match.group(2) if match else text


def _is_new_mail(response: Any) -> bool:
    return (
        isinstance(response, tuple)
        and len(response) >= 2
        and isinstance(response[0], int)
        and response[1] in (b"EXISTS", b"RECENT")
        and response[0] > 0
    )


def _is_bye(response: Any) -> bool:
    return isinstance(response, tuple) and bool(response) and response[0] == b"BYE"


def _describe(responses: Sequence[Any]) -> str:
    return "; ".join(" ".join(_text(part) for part in r) for r in responses if isinstance(r, tuple))
