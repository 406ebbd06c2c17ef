"""Settings: the call, the mailbox, the transport, the database and the data folder.

Loaded once, at the edge (the CLI), from one TOML file plus environment variables for secrets, and
passed down as frozen objects. Adapters never read files or the environment themselves.

Relative paths in the file are resolved against the working directory, so the shipped default
config keeps its state in ``./rrr-mailbot-data``.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from rrr_mailbot.errors import ConfigError

DEFAULT_CONFIG_NAME = "rrr-2021.toml"
CONFIG_ENV = "RRR_MAILBOT_CONFIG"
DATABASE_URL_ENV = "RRR_MAILBOT_DATABASE_URL"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


Cues = dict[str, tuple[str, ...]]  # language code -> cue phrases, matched case- and accent-blind


class DocumentRule(_Frozen):
    """One required document of the call and how to recognise it."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    filename_cues: Cues
    weak_filename_cues: Cues = Field(default_factory=dict)
    text_cues: Cues
    # Wording that any letter or form has ("yours sincerely", "hereby"): it supports a file's
    # other evidence, never stands for it.
    weak_text_cues: Cues = Field(default_factory=dict)
    usually_scanned: bool = False  # e.g. a signed letter: a scan with no text is expected
    names_the_call: bool = False  # its readable text always names the call (a form's title)
    layout: Literal["form", "letter"] | None = None  # how it looks, for languages without cues
    # Text that shows a file is someone else's (a partner's letter of support, not the city's).
    contra_text_cues: Cues = Field(default_factory=dict)

    def all_filename_cues(self) -> tuple[str, ...]:
        return tuple(c for cues in self.filename_cues.values() for c in cues)

    def all_text_cues(self) -> tuple[str, ...]:
        return tuple(c for cues in self.text_cues.values() for c in cues)


class OtherDocument(_Frozen):
    """A kind of file applicants send that is NOT a required document (a budget, a CV...).

    Recognised by a title at the top of a page, by ``text_cues_needed`` of its phrases, or (when
    its content cannot be read) by its name; such a file never fills a required document.
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str  # how a reason names it: "a budget"
    filename_cues: Cues = Field(default_factory=dict)
    title_cues: Cues = Field(default_factory=dict)
    text_cues: Cues = Field(default_factory=dict)
    text_cues_needed: int = Field(default=2, ge=1)


def fold_phrase(text: str) -> str:
    """Case-, accent- and spacing-blind form of a phrase; punctuation is kept.

    Machine-mail cues are compared in this form, so "Réponse automatique :" and "REPONSE
    AUTOMATIQUE:" meet. Punctuation stays because the shape of a subject ("Read:" at the start)
    is part of what tells a machine's mail from a person's.
    """
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(bare.split())


def _folded(cues: Cues) -> tuple[str, ...]:
    """Every language's phrases in folded form, longest first (the longest cue names a prefix)."""
    phrases = {fold_phrase(c) for values in cues.values() for c in values}
    return tuple(sorted((p for p in phrases if p), key=lambda p: (-len(p), p)))


@dataclass(frozen=True)
class FoldedMachineCues:
    """The machine-mail cue tables in folded form, built once per call (see ``fold_phrase``)."""

    auto_reply_subjects: tuple[str, ...]
    auto_reply_bodies: tuple[str, ...]
    read_receipt_subjects: tuple[str, ...]
    read_receipt_bodies: tuple[str, ...]
    bounce_subjects: tuple[str, ...]
    bounce_bodies: tuple[str, ...]


class MachineMailCues(_Frozen):
    """How mail that machines write without the RFC 3834 headers is recognised, per language.

    Subject cues are matched at the start of the subject, followed by ":" or "-" or nothing more;
    body cues only in messages with no candidate documents (see rrr_mailbot/intake/machine.py).
    """

    auto_reply_subject_cues: Cues = Field(default_factory=dict)
    auto_reply_body_cues: Cues = Field(default_factory=dict)
    read_receipt_subject_cues: Cues = Field(default_factory=dict)
    read_receipt_body_cues: Cues = Field(default_factory=dict)
    bounce_subject_cues: Cues = Field(default_factory=dict)
    bounce_body_cues: Cues = Field(default_factory=dict)

    @functools.cached_property
    def folded(self) -> FoldedMachineCues:
        # Cached on this (frozen) object: a call copied with other cue tables gets a new one.
        return FoldedMachineCues(
            auto_reply_subjects=_folded(self.auto_reply_subject_cues),
            auto_reply_bodies=_folded(self.auto_reply_body_cues),
            read_receipt_subjects=_folded(self.read_receipt_subject_cues),
            read_receipt_bodies=_folded(self.read_receipt_body_cues),
            bounce_subjects=_folded(self.bounce_subject_cues),
            bounce_bodies=_folded(self.bounce_body_cues),
        )


def _mailbox_key(address: str) -> str:
    """An address as a mailbox: letter case and a ``+tag`` in the local part do not matter."""
    local, at, domain = address.strip().strip("<>").rpartition("@")
    if not at:
        return address.strip().casefold()
    return f"{local.split('+', 1)[0].casefold()}@{domain.casefold()}"


class Limits(_Frozen):
    """Bounds on what one message may make us read or store."""

    max_message_bytes: int = Field(default=30_000_000, gt=0)
    max_document_bytes: int = Field(default=20_000_000, gt=0)
    max_documents: int = Field(default=25, gt=0)
    zip_max_total_bytes: int = Field(default=100_000_000, gt=0)
    zip_max_ratio: int = Field(default=100, gt=0)
    zip_max_members: int = Field(default=50, gt=0)
    container_max_depth: int = Field(default=3, ge=1)
    min_document_bytes: int = Field(default=200, ge=0)
    # An unreadable file smaller than this is a decoration (logo, icon), not a scanned page.
    min_unread_document_bytes: int = Field(default=10_000, ge=0)
    inline_image_max_bytes: int = Field(default=100_000, ge=0)
    # At most this many replies to one address within reply_window_h hours: an auto-responder
    # or a script that answers every reply cannot make us write without end. (The setting's
    # earlier name, max_replies_per_sender_per_day, is still read.)
    max_replies_per_sender: int = Field(
        default=10,
        gt=0,
        validation_alias=AliasChoices("max_replies_per_sender", "max_replies_per_sender_per_day"),
    )
    reply_window_h: float = Field(default=24, gt=0)


class Eligibility(_Frozen):
    """Who may apply, as far as the application form's text can tell: staff are shown a hint
    (never an automatic rejection) for an applicant outside ``countries`` (ISO 3166 alpha-2
    codes; empty: no country hint) or under ``min_population`` inhabitants (None: no hint)."""

    countries: tuple[str, ...] = ()
    min_population: int | None = Field(default=None, gt=0)

    @field_validator("countries")
    @classmethod
    def _country_codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        codes = tuple(code.strip().upper() for code in value)
        wrong = [code for code in codes if not re.fullmatch(r"[A-Z]{2}", code)]
        if wrong:
            raise ValueError(
                f"eligibility countries must be ISO 3166 alpha-2 codes (e.g. AT, GB), got {wrong}"
            )
        return codes


class CallSettings(_Frozen):
    """The call for applications: who answers, by when, and what must be sent."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
    name: str
    url: str | None = None
    reference_prefix: str = Field(default="APP", pattern=r"^[A-Z0-9]{1,8}$")
    reply_from: str
    reply_from_name: str
    own_addresses: tuple[str, ...] = ()
    staff: tuple[str, ...] = ()
    opens: date
    deadline: datetime
    timezone: str
    documents: tuple[DocumentRule, ...] = Field(min_length=1)
    other_documents: tuple[OtherDocument, ...] = ()
    # True: each message is judged alone; False: a message may complete the applicant's earlier
    # ones (documents sent in several messages before the deadline make one application).
    one_message_mode: bool = False
    # True: no acknowledgement to a sender whose domain failed DMARC at our server (the From may be
    # forged); the message is recorded and flagged for staff instead.
    withhold_reply_on_dmarc_fail: bool = False
    accepted_extensions: tuple[str, ...]
    identity_cues: tuple[str, ...] = ()
    other_programme_cues: tuple[str, ...] = ()
    exclude_filename_cues: Cues = Field(default_factory=dict)
    exclude_text_cues: Cues = Field(default_factory=dict)
    template_filename_cues: Cues = Field(default_factory=dict)
    template_text_cues: Cues = Field(default_factory=dict)
    cloud_link_domains: tuple[str, ...] = ()
    machine_mail: MachineMailCues = Field(default_factory=MachineMailCues)
    limits: Limits = Field(default_factory=Limits)
    default_language: str = "en"
    eligibility: Eligibility = Field(default_factory=Eligibility)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(
                f"unknown time zone {value!r}; use an IANA name like 'Europe/Madrid'"
            ) from exc
        return value

    @field_validator("accepted_extensions")
    @classmethod
    def _lower_extensions(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.lower().lstrip(".") for v in value)

    @model_validator(mode="after")
    def _unique_document_ids(self) -> CallSettings:
        ids = [d.id for d in self.documents]
        if len(set(ids)) != len(ids):
            raise ValueError(f"document ids must be unique, got {ids}")
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def deadline_utc(self) -> datetime:
        """The deadline instant; a local deadline is read in the call's zone."""
        local = self.deadline if self.deadline.tzinfo else self.deadline.replace(tzinfo=self.zone)
        return local.astimezone(UTC)

    @property
    def opens_utc(self) -> datetime:
        return datetime.combine(self.opens, datetime.min.time(), tzinfo=self.zone).astimezone(UTC)

    @property
    def document_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.documents)

    def rule(self, document_id: str) -> DocumentRule:
        for rule in self.documents:
            if rule.id == document_id:
                return rule
        raise KeyError(document_id)

    def is_own_address(self, address: str | None) -> bool:
        """Whether mail from ``address`` is our own (reply_from or own_addresses), whatever its
        letter case or ``+tag``: answering it would start a loop."""
        return _address_in(address, (self.reply_from, *self.own_addresses))

    def is_staff_address(self, address: str | None) -> bool:
        """Whether ``address`` is one of the call's staff (case and ``+tag`` blind): their mail to
        the desk is a test or a note, not an application."""
        return _address_in(address, self.staff)


def _address_in(address: str | None, addresses: tuple[str, ...]) -> bool:
    if not address:
        return False
    key = _mailbox_key(address)
    return any(key == _mailbox_key(a) for a in addresses)


class MaildirSettings(_Frozen):
    """A local Maildir folder: the embedded default mailbox."""

    kind: Literal["maildir"] = "maildir"
    path: Path = Path("rrr-mailbot-data/maildir")


class OAuth2Settings(_Frozen):
    """Where an OAuth2 access token comes from (XOAUTH2 / OAUTHBEARER)."""

    mechanism: Literal["XOAUTH2", "OAUTHBEARER"] = "XOAUTH2"
    token_command: str | None = None
    token_file: Path | None = None

    @model_validator(mode="after")
    def _one_source(self) -> OAuth2Settings:
        if (self.token_command is None) == (self.token_file is None):
            raise ValueError("set exactly one of token_command or token_file")
        return self


Security = Literal["tls", "starttls", "none"]


class ImapSettings(_Frozen):
    """A real mailbox over IMAP."""

    kind: Literal["imap"]
    host: str
    port: int | None = None
    security: Security = "tls"
    ca_file: Path | None = None
    username: str
    password_env: str | None = "RRR_MAILBOT_IMAP_PASSWORD"
    password: SecretStr | None = Field(default=None, exclude=True)
    oauth2: OAuth2Settings | None = None
    folder: str = "INBOX"
    processed_folder: str = "Processed"
    per_decision_folders: bool = False
    process_since: date | None = None
    idle: bool = True
    idle_renew_s: int = Field(default=600, gt=0, le=1740)
    poll_interval_s: int = Field(default=60, gt=0)
    fetch_batch_size: int = Field(default=20, gt=0)
    timeout_s: float = Field(default=60.0, gt=0)

    @property
    def effective_port(self) -> int:
        return self.port or (993 if self.security == "tls" else 143)


class FileTransportSettings(_Frozen):
    """Replies written as .eml files into a folder: the embedded default transport."""

    kind: Literal["file"] = "file"
    outbox_dir: Path = Path("rrr-mailbot-data/outbox")


class SmtpSettings(_Frozen):
    """Replies sent through an SMTP server."""

    kind: Literal["smtp"]
    host: str
    port: int | None = None
    security: Security = "starttls"
    ca_file: Path | None = None
    username: str | None = None
    password_env: str | None = "RRR_MAILBOT_SMTP_PASSWORD"
    password: SecretStr | None = Field(default=None, exclude=True)
    oauth2: OAuth2Settings | None = None
    timeout_s: float = Field(default=60.0, gt=0)
    max_attempts: int = Field(default=8, gt=0)
    backoff_base_s: float = Field(default=30.0, gt=0)
    backoff_cap_s: float = Field(default=3600.0, gt=0)

    @property
    def effective_port(self) -> int:
        return self.port or {"tls": 465, "starttls": 587, "none": 25}[self.security]


class DatabaseSettings(_Frozen):
    """The ledger database. The URL may hold a password: RRR_MAILBOT_DATABASE_URL overrides it."""

    url: SecretStr = SecretStr("sqlite:///rrr-mailbot-data/ledger.sqlite3")


class StorageSettings(_Frozen):
    """Where raw messages and documents are kept, content-addressed."""

    data_dir: Path = Path("rrr-mailbot-data/store")


class ServiceSettings(_Frozen):
    """How the long-running service schedules its jobs."""

    delivery_interval_s: int = Field(default=30, gt=0)
    # A reply being sent is leased for this long; a delivery pass renews its leases every third
    # of it while it runs. Claims of a process that died on this host (same PID namespace) are taken
    # over at once; those of one that died elsewhere (another host, a restarted container) when
    # the lease ends.
    reply_lease_s: float = Field(default=30.0, gt=0)
    # Several instances on one PostgreSQL database: one leads (polls, sends, runs the staff jobs)
    # under a lease it renews every third of this; a standby takes over within this time when
    # the leader dies (at once when it died on the same host). See rrr_mailbot.leadership.
    leader_lease_s: float = Field(default=30.0, ge=1.0)
    # Prometheus metrics at http://<metrics_address>:<metrics_port>/metrics while `run` runs
    # (needs the `metrics` extra); off when no port is set.
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    metrics_address: str = "127.0.0.1"
    # The canary: a test message to the call's own address every canary_interval_h hours (off
    # when unset); staff are alerted when one is not processed within canary_timeout_min.
    canary_interval_h: float | None = Field(default=None, gt=0)
    canary_timeout_min: float = Field(default=30.0, gt=0)


_LOCAL_TIME = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


class StaffSettings(_Frozen):
    """What the programme staff (the call's ``staff`` addresses) are sent, and when.

    Times are local times ("HH:MM") in the call's zone. A digest goes out daily at each of
    ``digest_times``; in the last ``final_days`` days before the deadline, at each of
    ``final_digest_times`` instead; and daily for ``digest_days_after_deadline`` days after it.
    A reminder (off unless ``reminders`` is true) goes to every applicant whose application is
    still incomplete ``reminder_hours_before`` hours before the deadline.
    """

    digests: bool = True
    digest_times: tuple[Annotated[str, Field(pattern=_LOCAL_TIME)], ...] = ("08:00",)
    final_days: int = Field(default=3, ge=0)
    final_digest_times: tuple[Annotated[str, Field(pattern=_LOCAL_TIME)], ...] = (
        "08:00",
        "13:00",
        "18:00",
    )
    digest_days_after_deadline: int = Field(default=7, ge=0)
    language: str | None = None  # default: the call's default_language, else en
    reminders: bool = False
    reminder_hours_before: float = Field(default=48.0, gt=0)

    @model_validator(mode="after")
    def _some_times(self) -> StaffSettings:
        if self.digests and not (self.digest_times and self.final_digest_times):
            raise ValueError("digest_times and final_digest_times need at least one time each")
        return self


DEFAULT_OCR_LANGUAGES = "eng+spa+por+fra+deu+ita+pol+nld+cat"


class OcrSettings(_Frozen):
    """Text recognition (Tesseract) for scans and photos; used when Tesseract is installed."""

    enabled: bool = True
    # Tesseract language codes joined by '+'; only those whose data is installed are used.
    languages: str = Field(default=DEFAULT_OCR_LANGUAGES, pattern=r"^[a-z_]+(\+[a-z_]+)*$")
    max_pages: int = Field(default=3, gt=0)  # pages of a scanned PDF that are recognised
    timeout_s: float = Field(default=20.0, gt=0)  # per file, all its pages together
    max_side_px: int = Field(default=2000, ge=200)  # images are scaled down to this longest side
    page_dpi: int = Field(default=200, ge=50)  # PDF pages are rendered at most this fine
    cache_dir: Path | None = None  # default: <storage.data_dir>/ocr-cache
    tesseract_command: str = "tesseract"
    # All the OCR of one message together; scans beyond it are judged unread, like a timeout.
    message_budget_s: float = Field(default=20.0, gt=0)

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(self.languages.split("+"))


class WorkerSettings(_Frozen):
    """The reader processes that parse messages and read their documents, each message within
    bounds (rrr_mailbot.intake.workers): ``workers`` processes (default: one per core; 0 reads in
    the service's own process, with no bounds but the parser's own), ``message_timeout_s`` of wall
    time and ``cpu_s`` of CPU per message, ``worker_memory_mb`` of address space a worker may grow
    by. A message that breaks one is quarantined for staff."""

    workers: int | None = Field(default=None, ge=0, le=64)
    message_timeout_s: float = Field(default=30.0, gt=0)
    cpu_s: float = Field(default=25.0, gt=0)
    worker_memory_mb: int = Field(default=250, ge=64)

    @property
    def count(self) -> int:
        return self.workers if self.workers is not None else (os.cpu_count() or 1)


WEB_SECRET_ENV = "RRR_MAILBOT_WEB_SECRET"
_WEB_USER = r"^[a-z0-9][a-z0-9._-]{0,63}$"


class WebSettings(_Frozen):
    """The staff web view (``rrr-mailbot web``): off until at least one user is configured.

    ``users`` maps a staff login name to its argon2 password hash (``rrr-mailbot web passwd
    USER`` writes it). The session cookie is signed with the secret in the environment variable
    named by ``secret_env`` (never in this file); ``secure_cookies`` sends it over HTTPS only,
    which is right behind a TLS reverse proxy and wrong for plain http on a laptop.
    """

    address: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    users: dict[Annotated[str, Field(pattern=_WEB_USER)], str] = Field(default_factory=dict)
    secret_env: str = WEB_SECRET_ENV
    secure_cookies: bool = True
    session_hours: float = Field(default=8.0, gt=0)
    login_attempts: int = Field(default=5, gt=0)  # failed logins per address and per user ...
    login_window_s: float = Field(default=300.0, gt=0)  # ... within this many seconds
    page_size: int = Field(default=50, gt=0, le=1000)

    @field_validator("users")
    @classmethod
    def _argon2_hashes(cls, value: dict[str, str]) -> dict[str, str]:
        for user, hashed in value.items():
            if not hashed.startswith("$argon2"):
                raise ValueError(
                    f"the password of web user {user!r} is not an argon2 hash; set it with "
                    f"`rrr-mailbot web passwd {user}`"
                )
        return value

    @property
    def enabled(self) -> bool:
        return bool(self.users)


class Settings(_Frozen):
    """Everything the program needs, loaded once."""

    source_file: Path | None = Field(default=None, exclude=True)
    call: CallSettings
    mailbox: Annotated[MaildirSettings | ImapSettings, Field(discriminator="kind")] = Field(
        default_factory=MaildirSettings
    )
    transport: Annotated[FileTransportSettings | SmtpSettings, Field(discriminator="kind")] = Field(
        default_factory=FileTransportSettings
    )
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    storage: StorageSettings = Field(default_factory=StorageSettings)
    service: ServiceSettings = Field(default_factory=ServiceSettings)
    staff: StaffSettings = Field(default_factory=StaffSettings)
    ocr: OcrSettings = Field(default_factory=OcrSettings)
    workers: WorkerSettings = Field(default_factory=WorkerSettings)
    web: WebSettings = Field(default_factory=WebSettings)


_LOOPBACK = ("localhost", "127.", "::1", "[::1]")


def plaintext_connections(settings: Settings) -> list[str]:
    """The connections the settings make without TLS to a host that is not this machine, each as
    a sentence an operator can act on: passwords and applicants' documents would cross the
    network in clear."""
    found = []
    for name, section in (("[mailbox]", settings.mailbox), ("[transport]", settings.transport)):
        host = getattr(section, "host", None)
        if getattr(section, "security", None) == "none" and host and not host.startswith(_LOOPBACK):
            found.append(
                f'{name} security = "none" sends the password and every message to {host} '
                'unencrypted; use "tls" or "starttls"'
            )
    return found


def default_config_path() -> Path:
    """The packaged default config (the RRR 2021 call)."""
    return data_path("config") / DEFAULT_CONFIG_NAME


def data_path(kind: Literal["config", "templates"]) -> Path:
    """Folder of shipped data: inside the wheel, or the repository's top level when run from it."""
    packaged = Path(str(resources.files("rrr_mailbot"))) / "_data" / kind
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / kind


def _describe(exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        parts = [str(p) for p in err["loc"]]
        key = ".".join(p for p in parts if not p.startswith(("function-after", "tagged")))
        lines.append(f"{key or '(top level)'}: {err['msg']}")
    return "; ".join(lines)


_SECRET_KEYS = ("password",)


def _inject_secrets(section: dict[str, Any], name: str, path: Path, env: Mapping[str, str]) -> None:
    for key in _SECRET_KEYS:
        if key in section:
            raise ConfigError(
                f"{path}: [{name}] {key}: secrets must not be written in the file; "
                f"put it in the environment variable named by {key}_env instead"
            )
    kind = section.get("kind")
    variable = section.get("password_env", f"RRR_MAILBOT_{kind.upper()}_PASSWORD" if kind else None)
    if section.get("kind") in ("imap", "smtp") and variable and variable in env:
        section["password"] = env[variable]


def _base_call(path: Path, reference: object, overrides: object) -> dict[str, Any]:
    """The [call] of another file (``call_from``), with this file's [call] keys on top."""
    if not isinstance(reference, str) or not isinstance(overrides, dict):
        raise ConfigError(f"{path}: call_from must be a file name and [call] a table")
    base_path = path.parent / reference
    if not base_path.is_file():
        base_path = data_path("config") / reference
    try:
        base = tomllib.loads(base_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"{path}: call_from = {reference!r}: cannot read {base_path}: {exc}"
        ) from exc
    call = base.get("call")
    if not isinstance(call, dict):
        raise ConfigError(f"{path}: call_from = {reference!r}: {base_path} has no [call] table")
    return {**call, **overrides}


def load_settings(path: Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Read and validate the config file; secrets come from ``env`` (default: os.environ).

    Raises ConfigError naming the file, the key and what is wrong.
    """
    env = os.environ if env is None else env
    path = path or (Path(env[CONFIG_ENV]) if env.get(CONFIG_ENV) else default_config_path())
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: the config file is not UTF-8 text") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    if "call_from" in data:
        data["call"] = _base_call(path, data.pop("call_from"), data.get("call", {}))
    for name in ("mailbox", "transport"):
        section = data.get(name)
        if isinstance(section, dict):
            _inject_secrets(section, name, path, env)
    database = data.setdefault("database", {})
    if isinstance(database, dict) and env.get(DATABASE_URL_ENV):
        database["url"] = env[DATABASE_URL_ENV]
    data["source_file"] = path
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_describe(exc)}") from exc
    for name, section in (("mailbox", settings.mailbox), ("transport", settings.transport)):
        needs_password = (
            isinstance(section, ImapSettings | SmtpSettings)
            and section.oauth2 is None
            and section.username
            and section.password is None
        )
        if needs_password:
            assert isinstance(section, ImapSettings | SmtpSettings)
            raise ConfigError(
                f"{path}: [{name}] needs a password for {section.username}: set the "
                f"environment variable {section.password_env} (named by {name}.password_env), "
                "or configure oauth2"
            )
    return settings
