"""The `rrr-mailbot` command: loads settings, configures logging, wires the parts, runs.

    rrr-mailbot check FILE.eml [--received ISO8601] [--json]   the decision for one message
    rrr-mailbot demo [--dir DIR]                                sample applications, end to end
    rrr-mailbot run [--once | --dry-run [--dry-run-dir DIR]]    the service (or one pass)
    rrr-mailbot preview [--out DIR]                             every reply, to read before launch
    rrr-mailbot export [--since DAY]                            every decision as CSV
    rrr-mailbot export --out DIR [--format csv|xlsx]            the committee pack
    rrr-mailbot db upgrade | db current                         the ledger's schema
    rrr-mailbot doctor [--fix] [--send-test]                    is everything ready?
    rrr-mailbot health [--max-age-s N]                          is the running service alive?
    rrr-mailbot digest [--print | --send] [--since TIME]        the staff digest, now
    rrr-mailbot applications [--state STATE]                    every application, a table
    rrr-mailbot show REF|ADDRESS                                one application's history
    rrr-mailbot link ADDRESS|@DOMAIN REF                        join an address to an application
    rrr-mailbot resend REF                                      queue the last reply again
    rrr-mailbot reprocess REF [--yes]                           decide a message again

Every command takes --config PATH (default: $RRR_MAILBOT_CONFIG, else the packaged RRR 2021 call),
-v and --log-json, before or after its name.
Errors the operator can act on print one line on stderr and exit 2.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from rrr_mailbot import __version__
from rrr_mailbot.config import CONFIG_ENV, Settings, data_path, load_settings
from rrr_mailbot.errors import InputError, MailbotError
from rrr_mailbot.model import IncomingMessage

if TYPE_CHECKING:
    from rrr_mailbot.intake.ocr import OcrEngine
    from rrr_mailbot.pipeline import Processed
    from rrr_mailbot.staff.queries import Snapshot
    from rrr_mailbot.store import Ledger
    from rrr_mailbot.store.quarantine import QuarantinedMessage

logger = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])


_RECORD_FIELDS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message"}


class JsonLineFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and the record's extra fields
    (``action``, ``reference``, ``message_id``...), for log shippers and staff's queries."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update((k, v) for k, v in vars(record).items() if k not in _RECORD_FIELDS)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


def configure_logging(verbose: bool, json_lines: bool = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonLineFormatter()
        if json_lines
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    # force: a second command in the same process (the tests) gets the current stderr.
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO, handlers=[handler], force=True
    )
    if not verbose:
        # APScheduler says two INFO lines per job run, i.e. every delivery interval: noise that
        # buries the one line per outcome staff read. Its warnings and errors still show.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # Parsers of applicants' files complain about every damaged PDF or TNEF stream; intake
    # already turns those faults into reasons, so only their errors are worth a log line.
    for noisy in ("pypdf", "tnefparse"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # migration chatter at every start


@dataclass
class CommonOptions:
    """The options every command takes, before or after the subcommand's name.

    ``rrr-mailbot --config F run`` and ``rrr-mailbot run --config F`` mean the same; written in
    both places, the one after the subcommand wins.
    """

    config_path: Path | None = None
    verbose: bool = False
    log_json: bool = False


def _common(ctx: click.Context) -> CommonOptions:
    return ctx.ensure_object(CommonOptions)


def _remember_config(
    ctx: click.Context, _param: click.Parameter, value: Path | None
) -> Path | None:
    options = _common(ctx)
    if value is not None:
        options.config_path = value
    return options.config_path


def _remember_flag(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        setattr(_common(ctx), str(param.name), True)
    return value


def _config_option(func: F) -> F:
    """Add the common options to a command: ``--config`` (passed on as ``config_path``, already
    resolved against one given before the subcommand), ``-v`` and ``--log-json``.

    Every command gets it, and calls ``_settings(config_path)`` first thing.
    """
    options = (
        click.option(
            "--config",
            "config_path",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            callback=_remember_config,
            help=f"TOML settings file (default: ${CONFIG_ENV}, else the RRR 2021 call).",
        ),
        click.option(
            "-v", "--verbose", is_flag=True, expose_value=False, callback=_remember_flag,
            help="Log debug lines too.",
        ),
        click.option(
            "--log-json", is_flag=True, envvar="RRR_MAILBOT_LOG_JSON", expose_value=False,
            callback=_remember_flag,
            help="Log one JSON object per line (also: RRR_MAILBOT_LOG_JSON=1).",
        ),
    )  # fmt: skip
    for option in reversed(options):
        func = option(func)
    return func


def _settings(config_path: Path | None) -> Settings:
    """Configure logging from the common options and load the settings (the CLI's one edge)."""
    options = _common(click.get_current_context())
    configure_logging(options.verbose, options.log_json)
    return load_settings(config_path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rrr-mailbot")
@_config_option
def cli(config_path: Path | None) -> None:
    """Takes applications to a call by email: checks, records and answers them.

    --config, -v and --log-json may be given before or after the command's name.
    """


# ----------------------------------------------------------------------------------------- check


def _read_message(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise InputError(f"{path} is empty: expected an RFC 5322 message (.eml)")
    return raw


def _parse_received(value: str | None, settings: Settings) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise InputError(
            f"--received {value!r} is not an ISO 8601 time (e.g. 2021-05-21T23:00:00+02:00)"
        ) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=settings.call.zone)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--received", help="Arrival time at our server (ISO 8601); default: from the message."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@_config_option
def check(file: Path, received: str | None, as_json: bool, config_path: Path | None) -> None:
    """Print the decision for one message; stores and sends nothing."""
    from rrr_mailbot.app import utc_now
    from rrr_mailbot.check import check_message
    from rrr_mailbot.intake.ocr import TesseractOcr
    from rrr_mailbot.replies import ReplyRenderer

    settings = _settings(config_path)
    raw = _read_message(file)
    arrival = _parse_received(received, settings)
    message = IncomingMessage(key=file.name, raw=raw, size_bytes=len(raw), arrival=arrival)
    renderer = ReplyRenderer(settings.call, data_path("templates"))
    ocr = TesseractOcr.from_settings(settings.ocr, settings.storage.data_dir, disk_cache=False)
    report = check_message(message, settings.call, renderer, utc_now(), ocr=ocr)
    intake, decision, reference = report.intake, report.decision, report.reference
    result = report.as_json()
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    click.echo(f"{file}: {decision.outcome.value.upper()}  ({reference})")
    arrival_text = intake.arrival.isoformat() if intake.arrival else "unknown"
    click.echo(
        f"  from:     {intake.from_address}  arrival: {arrival_text} ({intake.arrival_source})"
    )
    for doc_id, doc in decision.documents.items():
        click.echo(f"  {doc_id}: {doc.display_name if doc else '-'}")
    for reason in decision.reasons:
        click.echo(f"  - {reason}")
    if decision.review:
        click.echo(f"  review:   {', '.join(decision.review)}")
    reply = report.reply_subject
    click.echo(f"  reply:    {reply!r} to {report.reply_to}" if reply else "  reply:    none")


# ------------------------------------------------------------------------------------------ demo


@cli.command()
@click.option(
    "--dir",
    "directory",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("rrr-mailbot-demo"),
    show_default=True,
    help="Folder for the demo's Maildir, outbox, database and data.",
)
@_config_option
def demo(directory: Path, config_path: Path | None) -> None:
    """Write sample applications into a Maildir, process them once, show what happened."""
    from rrr_mailbot.app import run_once
    from rrr_mailbot.config import (
        DatabaseSettings,
        FileTransportSettings,
        MaildirSettings,
        StorageSettings,
    )
    from rrr_mailbot.demo import write_samples

    base = _settings(config_path)
    directory = directory.resolve()
    settings = base.model_copy(
        update={
            "mailbox": MaildirSettings(path=directory / "maildir"),
            "transport": FileTransportSettings(outbox_dir=directory / "outbox"),
            "database": DatabaseSettings.model_validate(
                {"url": f"sqlite:///{directory / 'ledger.sqlite3'}"}
            ),
            "storage": StorageSettings(data_dir=directory / "store"),
        }
    )
    directory.mkdir(parents=True, exist_ok=True)
    samples = write_samples(directory / "maildir", settings.call)
    results, report = run_once(settings)
    click.echo(f"{'sample':<22} {'expected':<11} {'decision':<11} {'reference':<14} documents")
    for result in results:
        sample = samples.get(result.key)
        docs = ", ".join(f"{k}={v.display_name}" for k, v in result.decision.documents.items() if v)
        click.echo(
            f"{sample.name if sample else result.key:<22} "
            f"{sample.expected if sample else '?':<11} {result.decision.outcome.value:<11} "
            f"{result.reference:<14} {docs or '-'}"
        )
    click.echo("")
    click.echo(f"{report.sent} replies written to   {directory / 'outbox'}")
    click.echo(f"ledger (SQLite):           {directory / 'ledger.sqlite3'}")
    click.echo(f"raw messages and files:    {directory / 'store'}")
    click.echo(f"processed mail moved to:   {directory / 'maildir' / '.Processed'}")
    if any(s.expected != r.decision.outcome.value for r in results if (s := samples.get(r.key))):
        raise click.ClickException("a sample got a different decision than expected")


# ------------------------------------------------------------------------------------------- run


@cli.command()
@click.option("--once", is_flag=True, help="One intake pass and one delivery pass, then exit.")
@click.option(
    "--dry-run",
    is_flag=True,
    help="One pass that decides and records into a separate ledger, moves nothing in the "
    "mailbox, sends nothing, and writes the replies it would send as .eml files.",
)
@click.option(
    "--dry-run-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of the dry run's ledger, data and would-send/ replies "
    "[default: ./rrr-mailbot-dry-run].",
)
@_config_option
def run(once: bool, dry_run: bool, dry_run_dir: Path | None, config_path: Path | None) -> None:
    """Run the service: watch the mailbox, decide, record, answer."""
    from rrr_mailbot.app import DRY_RUN_DIR, dry_run_settings, run_once

    settings = _settings(config_path)
    if dry_run_dir is not None and not dry_run:
        raise click.UsageError("--dry-run-dir only goes with --dry-run")
    if dry_run:
        folder = (dry_run_dir or DRY_RUN_DIR).resolve()
        dry = dry_run_settings(settings, folder)
        results, report = run_once(dry, read_only_source=True)
        click.echo(
            f"dry run: {_pass_summary(results)}; {report.sent} replies written to "
            f"{folder / 'would-send'} (none sent, nothing moved in the mailbox)"
        )
        click.echo(f"dry-run ledger: {folder / 'dry-run-ledger.sqlite3'}")
        return
    if not once:
        from rrr_mailbot.scheduler import run_service

        run_service(settings)
        return
    results, report = run_once(settings)
    click.echo(
        f"processed {_pass_summary(results)}; replies sent {report.sent}, "
        f"retrying {report.retried}, failed {report.failed}"
    )


def _pass_summary(results: list[Processed]) -> str:
    """``3: 2 accepted, 1 late`` for one intake pass."""
    counts: dict[str, int] = {}
    for result in results:
        counts[result.decision.outcome.value] = counts.get(result.decision.outcome.value, 0) + 1
    summary = ", ".join(f"{v} {k}" for k, v in sorted(counts.items())) or "no new messages"
    return f"{len(results)}: {summary}"


# --------------------------------------------------------------------------------------- preview


@cli.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("rrr-mailbot-preview"),
    show_default=True,
    help="Folder for the .eml, .html and .txt files and index.html.",
)
@_config_option
def preview(out_dir: Path, config_path: Path | None) -> None:
    """Render every kind of reply in every language for sample applicants, to read before launch."""
    from rrr_mailbot.app import utc_now
    from rrr_mailbot.preview import render_previews, write_index
    from rrr_mailbot.replies import ReplyRenderer

    settings = _settings(config_path)
    renderer = ReplyRenderer(settings.call, data_path("templates"))
    previews = render_previews(settings.call, renderer, out_dir)
    index = write_index(previews, out_dir, settings.call, utc_now())
    click.echo(
        f"{len(previews)} replies ({len(renderer.languages)} languages) written to {out_dir}; "
        f"open {index}"
    )


# ------------------------------------------------------------------------------------------ export


@cli.command()
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Only messages recorded on or after this day (UTC); CSV on stdout only.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Write the committee pack into this new (or empty) folder instead: one folder per "
    "application with its current documents and raw messages, and a manifest with SHA-256s.",
)
@click.option(
    "--format",
    "manifest_format",
    type=click.Choice(["csv", "xlsx"]),
    default=None,
    help="The pack's manifest: csv (default) or xlsx (one workbook, two sheets).",
)
@_config_option
def export(
    since: datetime | None,
    out_dir: Path | None,
    manifest_format: str | None,
    config_path: Path | None,
) -> None:
    """Every recorded message as CSV on stdout, or (--out) the committee pack in a folder."""
    import csv

    from rrr_mailbot.app import open_settings_ledger

    settings = _settings(config_path)
    if out_dir is not None:
        if since is not None:
            raise click.UsageError("--since goes with the CSV on stdout, not with --out")
        _export_pack(settings, out_dir, manifest_format or "csv")
        return
    if manifest_format is not None:
        raise click.UsageError("--format goes with --out")
    after = since.replace(tzinfo=UTC) if since else None
    ledger = open_settings_ledger(settings, migrate=False)
    try:
        rows = ledger.messages(since=after)
    finally:
        ledger.close()
    doc_ids = settings.call.document_ids
    writer = csv.writer(sys.stdout)
    writer.writerow(
        ["reference", "arrival_utc", "sender", "subject", "decision", *doc_ids, "missing",
         "review", "reply", "reasons"]
    )  # fmt: skip
    for row in rows:
        writer.writerow(
            [
                row.reference,
                row.arrival.astimezone(UTC).isoformat() if row.arrival else "",
                row.sender or "",
                row.subject,
                row.outcome.value,
                *(row.documents.get(d, "") for d in doc_ids),
                " ".join(row.missing),
                " ".join(row.review),
                row.reply_status or "",
                " ".join(row.reasons),
            ]
        )


# -------------------------------------------------------------------------------------------- db


@cli.group()
def db() -> None:
    """The ledger database's schema: see where it stands, upgrade it."""


@db.command("current")
@_config_option
def db_current(config_path: Path | None) -> None:
    """Print the schema revision of the configured database; exit 1 when it needs `db upgrade`."""
    from rrr_mailbot.store import schema_state

    settings = _settings(config_path)
    state = schema_state(settings.database.url.get_secret_value())
    click.echo(state.describe())
    if not state.up_to_date:
        raise click.exceptions.Exit(1)


@db.command("upgrade")
@_config_option
def db_upgrade(config_path: Path | None) -> None:
    """Create the ledger's schema, or upgrade it to this version's (safe to run again)."""
    from rrr_mailbot.store import upgrade_schema

    settings = _settings(config_path)
    before, after = upgrade_schema(settings.database.url.get_secret_value())
    if before.up_to_date:
        click.echo(f"{after.where}: already at schema revision {', '.join(after.needed)}")
    else:
        was = ", ".join(before.current) or "(empty)"
        click.echo(f"{after.where}: upgraded from {was} to {', '.join(after.current)}")


# ---------------------------------------------------------------------------------- doctor, health


@cli.command()
@click.option(
    "--fix",
    is_flag=True,
    help="Create or upgrade the database schema and create missing folders (data, Maildir, "
    "outbox, the IMAP processed folders).",
)
@click.option(
    "--send-test",
    is_flag=True,
    help="Also send a test message through SMTP to the call's address and wait (up to 120 s) "
    "until it arrives in the IMAP mailbox; it is then deleted.",
)
@_config_option
def doctor(fix: bool, send_test: bool, config_path: Path | None) -> None:
    """Check settings, templates, database, folders, mailbox, transport; exit 1 on a fault.

    Without --fix it creates and changes nothing; each failure names what to run.
    """
    from rrr_mailbot.doctor import CheckResult, check, run_checks, send_canary

    settings = _settings(config_path)
    failed = 0
    results = run_checks(settings, fix=fix)
    if send_test:
        results = itertools.chain(results, [check("send test", lambda: send_canary(settings))])
    result: CheckResult
    for result in results:
        failed += not result.ok
        state = "FAIL" if not result.ok else "warn" if result.warning else "ok  "
        click.echo(f"{state}  {result.name:<12} {result.detail}")
    if failed:
        raise click.exceptions.Exit(1)


@cli.command()
@click.option(
    "--max-age-s",
    type=float,
    default=None,
    help="Oldest acceptable pass (default: 3x the longer of the poll and delivery intervals).",
)
@_config_option
def health(max_age_s: float | None, config_path: Path | None) -> None:
    """Exit 0 when the running service's intake and delivery passes are recent, 1 otherwise."""
    from rrr_mailbot.app import utc_now
    from rrr_mailbot.config import ImapSettings
    from rrr_mailbot.doctor import (
        heartbeat_path,
        heartbeat_problems,
        heartbeat_role,
        read_heartbeat,
    )

    settings = _settings(config_path)
    if max_age_s is None:
        poll = (
            settings.mailbox.poll_interval_s if isinstance(settings.mailbox, ImapSettings) else 60
        )
        max_age_s = 3 * max(poll, settings.service.delivery_interval_s) + 60
    beats = read_heartbeat(heartbeat_path(settings))
    problems = heartbeat_problems(beats, utc_now(), max_age_s)
    if problems:
        click.echo(f"unhealthy: {'; '.join(problems)}", err=True)
        raise click.exceptions.Exit(1)
    click.echo(f"healthy: {heartbeat_role(beats)} (pid {beats.get('pid', '?')})")


# ------------------------------------------------------------------------------------------ digest


def _since_option(value: str | None, settings: Settings) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise InputError(
            f"--since {value!r} is not an ISO 8601 day or time (e.g. 2021-05-20 or "
            "2021-05-20T08:00); a time without zone is read in the call's zone"
        ) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=settings.call.zone)


@cli.command()
@click.option(
    "--send",
    "mode",
    flag_value="send",
    help="Queue it for the call's staff addresses and deliver it now (through the outbox).",
)
@click.option(
    "--print", "mode", flag_value="print", default=True, help="Print the text part (default)."
)
@click.option(
    "--since",
    default=None,
    help="Changes since this day or time (default: since the last digest queued).",
)
@_config_option
def digest(mode: str, since: str | None, config_path: Path | None) -> None:
    """The staff digest as of now: print it, or send it to the call's staff addresses."""
    from rrr_mailbot.app import open_settings_ledger, utc_now
    from rrr_mailbot.staff.schedule import print_digest, send_digest_now

    settings = _settings(config_path)
    after = _since_option(since, settings)
    ledger = open_settings_ledger(settings)
    try:
        if mode == "send":
            key, report = send_digest_now(settings, ledger, now=utc_now(), since=after)
            state = "sent" if report.sent else "queued; the service will send it"
            click.echo(f"digest {key} {state} to {', '.join(settings.call.staff)}")
        else:
            click.echo(print_digest(settings, ledger, now=utc_now(), since=after), nl=False)
    finally:
        ledger.close()


# ------------------------------------------------------------------------------- staff commands


def _export_pack(settings: Settings, out_dir: Path, manifest_format: str) -> None:
    from rrr_mailbot.staff.export import export_pack

    with _staff_view(settings) as (ledger, snapshot):
        report = export_pack(snapshot, settings.call, ledger.blobs, out_dir, format=manifest_format)
    click.echo(
        f"{report.applications} applications, {report.files} files written to {report.out_dir}; "
        f"manifest: {report.manifest}"
    )


@contextlib.contextmanager
def _staff_view(settings: Settings) -> Iterator[tuple[Ledger, Snapshot]]:
    """The ledger (read as it is: no migration) and a snapshot of the applications, for the
    staff commands; the ledger is closed afterwards."""
    from rrr_mailbot.app import open_settings_ledger, utc_now
    from rrr_mailbot.staff.queries import take_snapshot

    ledger = open_settings_ledger(settings, migrate=False)
    try:
        yield ledger, take_snapshot(ledger, settings.call, now=utc_now(), since_last_digest=False)
    finally:
        ledger.close()


@cli.command()
@click.option(
    "--state",
    type=click.Choice(["complete", "incomplete", "late", "needs_review"]),
    default=None,
    help="Only applications in this state.",
)
@_config_option
def applications(state: str | None, config_path: Path | None) -> None:
    """Every application: latest reference, applicant, city and country, state, what is missing,
    flags (review reasons and eligibility hints)."""
    from rrr_mailbot.staff.applications import State
    from rrr_mailbot.staff.views import applications_table, quarantine_lines

    settings = _settings(config_path)
    with _staff_view(settings) as (_ledger, snapshot):
        click.echo(applications_table(snapshot, State(state) if state else None), nl=False)
        click.echo(quarantine_lines(snapshot, settings.call), nl=False)


@cli.command()
@click.argument("wanted", metavar="REF|ADDRESS")
@_config_option
def show(wanted: str, config_path: Path | None) -> None:
    """The history of one application, named by any of its references or an address: messages in
    order with documents (name, size, SHA-256, role), decisions, replies, flags."""
    from rrr_mailbot.errors import CommandError
    from rrr_mailbot.staff.actions import APPLICATIONS_HINT, find_message
    from rrr_mailbot.staff.queries import find_application
    from rrr_mailbot.staff.views import application_history, message_history

    settings = _settings(config_path)
    with _staff_view(settings) as (ledger, snapshot):
        application = find_application(snapshot, wanted)
        if application is None:
            if "@" in wanted:
                raise CommandError(
                    f"no application from or linked to {wanted!r}; {APPLICATIONS_HINT}"
                )
            message = find_message(ledger.recorded_messages(), wanted)
            text = message_history(
                message,
                settings.call,
                replies=ledger.replies_to(message.reference),
                events=ledger.events_of(message.reference),
            )
        else:
            refs = application.references
            text = application_history(
                snapshot,
                application,
                settings.call,
                replies={ref: ledger.replies_to(ref) for ref in refs},
                events={ref: ledger.events_of(ref) for ref in refs},
            )
    click.echo(text, nl=False)


@cli.command()
@click.argument("address", metavar="ADDRESS|@DOMAIN")
@click.argument("reference", metavar="REF")
@_config_option
def link(address: str, reference: str, config_path: Path | None) -> None:
    """Join ADDRESS (or every address of @DOMAIN) to the application that message REF is part
    of: its messages count for that application from now on (recorded in the ledger)."""
    from rrr_mailbot.app import open_settings_ledger, utc_now
    from rrr_mailbot.staff import actions

    settings = _settings(config_path)
    ledger = open_settings_ledger(settings)
    try:
        result = actions.link(ledger, ledger.recorded_messages(), address, reference, utc_now())
    finally:
        ledger.close()
    state = "linked" if result.changed else "already linked"
    click.echo(f"{result.pattern} {state} to application {result.application_key}")


@cli.command()
@click.argument("reference", metavar="REF")
@_config_option
def review(reference: str, config_path: Path | None) -> None:
    """Mark message REF's review flags as looked at: its application no longer waits on them
    (the flags stay in the history, with who marked them and when)."""
    from rrr_mailbot.app import open_settings_ledger, utc_now
    from rrr_mailbot.staff import actions

    settings = _settings(config_path)
    ledger = open_settings_ledger(settings)
    try:
        line = actions.mark_reviewed(ledger, ledger.recorded_messages(), reference, utc_now())
    finally:
        ledger.close()
    click.echo(line)


@cli.command()
@click.argument("reference", metavar="REF")
@_config_option
def resend(reference: str, config_path: Path | None) -> None:
    """Queue the last reply to message REF again (a new Message-ID) through the outbox; refused
    while a reply to it is still waiting there."""
    from rrr_mailbot.app import open_settings_ledger, utc_now
    from rrr_mailbot.staff import actions

    settings = _settings(config_path)
    ledger = open_settings_ledger(settings)
    try:
        key = actions.resend(ledger, ledger.recorded_messages(), reference, utc_now())
    finally:
        ledger.close()
    click.echo(f"queued again as {key}; the service sends it (or `rrr-mailbot run --once`)")


@cli.command()
@click.argument("reference", metavar="REF")
@click.option(
    "--yes",
    is_flag=True,
    help="Record the new decision (the old one stays in the history) and queue the new reply "
    "when the outcome changed.",
)
@_config_option
def reprocess(reference: str, yes: bool, config_path: Path | None) -> None:
    """Decide message REF again from its stored raw message with the current settings, and print
    what changed; nothing is recorded or sent without --yes."""
    from rrr_mailbot.app import open_settings_ledger, utc_now
    from rrr_mailbot.intake.ocr import TesseractOcr
    from rrr_mailbot.replies import ReplyRenderer
    from rrr_mailbot.staff import actions
    from rrr_mailbot.store import quarantine

    settings = _settings(config_path)
    ledger = open_settings_ledger(settings)
    try:
        ocr = TesseractOcr.from_settings(settings.ocr, settings.storage.data_dir)
        held = quarantine.find(ledger, reference)
        if held is not None and held.released_at is None:
            _reprocess_quarantined(settings, ledger, held, ocr, yes=yes)
            return
        redecision = actions.redecide(
            ledger, ledger.recorded_messages(), settings.call, reference, ocr=ocr
        )
        ref = redecision.reference
        click.echo(
            f"{ref}: {redecision.stored.outcome.value} -> {redecision.decision.outcome.value}"
        )
        for change in redecision.changes or ("no change",):
            click.echo(f"  {change}")
        if not yes:
            if redecision.changes:
                click.echo(
                    f"nothing recorded; run `rrr-mailbot reprocess {ref} --yes` to record it"
                )
            return
        if not redecision.changes:
            click.echo("nothing to record")
            return
        renderer = ReplyRenderer(settings.call, data_path("templates"))
        key = actions.record_redecision(ledger, redecision, renderer, utc_now())
    finally:
        ledger.close()
    click.echo(
        f"recorded; new reply queued as {key}" if key else "recorded; no new reply (same outcome)"
    )


def _reprocess_quarantined(
    settings: Settings,
    ledger: Ledger,
    held: QuarantinedMessage,
    ocr: OcrEngine | None,
    *,
    yes: bool,
) -> None:
    """`reprocess REF` for a quarantined message: read it again within the same bounds and, when
    that works, decide and record it as if it had just arrived."""
    from rrr_mailbot.app import reader_pool, utc_now
    from rrr_mailbot.intake.workers import ReadFailure
    from rrr_mailbot.pipeline import Pipeline, reread_quarantined
    from rrr_mailbot.replies import ReplyRenderer

    ref = held.reference
    click.echo(f"{ref}: quarantined ({held.reason}: {held.detail}), {held.attempts} attempt(s)")
    if not yes:
        click.echo(f"nothing done; run `rrr-mailbot reprocess {ref} --yes` to read it again")
        return
    renderer = ReplyRenderer(settings.call, data_path("templates"))
    pool = reader_pool(settings, ocr)
    try:
        pipeline = Pipeline(
            settings.call,
            ledger,
            renderer,
            utc_now,
            ocr,
            ocr_budget_s=settings.ocr.message_budget_s,
            pool=pool,
        )
        result = reread_quarantined(pipeline, ref)
    finally:
        if pool is not None:
            pool.close()
    if isinstance(result, ReadFailure):
        click.echo(f"still quarantined: {result.reason}: {result.detail}")
        return
    click.echo(
        f"recorded as {result.decision.outcome.value}"
        + (f"; {result.reply_kind} reply queued" if result.reply_kind else "; no reply")
    )


# ------------------------------------------------------------------------------------ web view


@cli.group(invoke_without_command=True)
@click.option("--address", default=None, help="Listen on this address (default: [web] address).")
@click.option("--port", type=int, default=None, help="Listen on this port (default: [web] port).")
@_config_option
@click.pass_context
def web(
    ctx: click.Context, address: str | None, port: int | None, config_path: Path | None
) -> None:
    """Serve the staff web view (off until [web.users] names a user; see `web passwd`)."""
    if ctx.invoked_subcommand is not None:
        return
    import os

    import uvicorn

    from rrr_mailbot.app import open_settings_ledger, utc_now
    from rrr_mailbot.errors import ConfigError
    from rrr_mailbot.web.app import create_app

    settings = _settings(config_path)
    if not settings.web.enabled:
        raise ConfigError(
            "the staff web view is off: no [web.users] in the config; add a user with "
            "`rrr-mailbot web passwd USER --config FILE`"
        )
    secret = os.environ.get(settings.web.secret_env, "")
    if len(secret) < 32:
        raise ConfigError(
            f"the web view signs its sessions with the secret in ${settings.web.secret_env} "
            "([web] secret_env), which is missing or shorter than 32 characters; set it, e.g. "
            f'export {settings.web.secret_env}="$(python3 -c "import secrets; '
            'print(secrets.token_urlsafe(48))")"'
        )
    ledger = open_settings_ledger(settings, migrate=False)
    try:
        app = create_app(settings, ledger, secret=secret, clock=utc_now)
        uvicorn.run(
            app,
            host=address or settings.web.address,
            port=port or settings.web.port,
            log_config=None,  # the CLI configured logging already
            proxy_headers=True,
            forwarded_allow_ips="127.0.0.1",
        )
    finally:
        ledger.close()


@web.command("passwd")
@click.argument("user")
@click.option("--password", default=None, help="The new password (asked for when not given).")
@_config_option
def web_passwd(user: str, password: str | None, config_path: Path | None) -> None:
    """Set USER's password for the web view: its argon2 hash goes into [web.users] of the
    config file (which must be given, with --config or $RRR_MAILBOT_CONFIG)."""
    from rrr_mailbot.config import default_config_path
    from rrr_mailbot.errors import ConfigError
    from rrr_mailbot.web.auth import hash_password
    from rrr_mailbot.web.users import set_user

    settings = _settings(config_path)
    if settings.source_file is None or settings.source_file == default_config_path():
        raise ConfigError(
            f"web passwd writes to the config file: give it with --config FILE or ${CONFIG_ENV}"
        )
    if password is None:  # asked only once the settings loaded: a wrong --config fails first
        password = str(click.prompt("Password", hide_input=True, confirmation_prompt=True))
    if len(password) < 12:
        raise ConfigError("a web password needs at least 12 characters; choose a longer one")
    set_user(settings.source_file, user.strip().lower(), hash_password(password))
    load_settings(settings.source_file)  # the file must still load
    click.echo(f"password of web user {user.strip().lower()} set in {settings.source_file}")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    try:
        code = cli.main(args=argv, prog_name="rrr-mailbot", standalone_mode=False)
    except MailbotError as exc:
        click.echo(f"rrr-mailbot: error: {exc}", err=True)
        return 2
    except click.exceptions.Abort:
        click.echo("rrr-mailbot: aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    sys.exit(main())
