"""The `rrr-mailbot` command: loads settings, configures logging, wires the parts, runs.

    rrr-mailbot check FILE.eml [--received ISO8601] [--json]   the decision for one message
    rrr-mailbot demo [--dir DIR]                                sample applications, end to end
    rrr-mailbot run [--once]                                    the service (or one pass)
    rrr-mailbot export [--since DAY]                            every decision as CSV
    rrr-mailbot doctor                                          is everything reachable?
    rrr-mailbot health [--max-age-s N]                          is the running service alive?

Every command takes --config PATH (default: $RRR_MAILBOT_CONFIG, else the packaged RRR 2021 call).
Errors the operator can act on print one line on stderr and exit 2.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from rrr_mailbot import __version__
from rrr_mailbot.config import Settings, data_path, load_settings
from rrr_mailbot.errors import InputError, MailbotError
from rrr_mailbot.model import IncomingMessage

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
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, handlers=[handler])
    if not verbose:
        # APScheduler says two INFO lines per job run, i.e. every delivery interval: noise that
        # buries the one line per outcome staff read. Its warnings and errors still show.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # Parsers of applicants' files complain about every damaged PDF or TNEF stream; intake
    # already turns those faults into reasons, so only their errors are worth a log line.
    for noisy in ("pypdf", "tnefparse"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # migration chatter at every start


def _config_option(func: F) -> F:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="TOML settings file (default: $RRR_MAILBOT_CONFIG, else the RRR 2021 call).",
    )(func)


def _settings(config_path: Path | None) -> Settings:
    return load_settings(config_path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rrr-mailbot")
@click.option("-v", "--verbose", is_flag=True, help="Log debug lines too.")
@click.option(
    "--log-json",
    is_flag=True,
    envvar="RRR_MAILBOT_LOG_JSON",
    help="Log one JSON object per line (also: RRR_MAILBOT_LOG_JSON=1).",
)
def cli(verbose: bool, log_json: bool) -> None:
    """Takes applications to a call by email: checks, records and answers them."""
    configure_logging(verbose, log_json)


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
@_config_option
def run(once: bool, config_path: Path | None) -> None:
    """Run the service: watch the mailbox, decide, record, answer."""
    from rrr_mailbot.app import run_once

    settings = _settings(config_path)
    if not once:
        from rrr_mailbot.scheduler import run_service

        run_service(settings)
        return
    results, report = run_once(settings)
    counts: dict[str, int] = {}
    for result in results:
        counts[result.decision.outcome.value] = counts.get(result.decision.outcome.value, 0) + 1
    summary = ", ".join(f"{v} {k}" for k, v in sorted(counts.items())) or "no new messages"
    click.echo(
        f"processed {len(results)}: {summary}; replies sent {report.sent}, "
        f"retrying {report.retried}, failed {report.failed}"
    )


# ------------------------------------------------------------------------------------------ export


@cli.command()
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Only messages recorded on or after this day (UTC).",
)
@_config_option
def export(since: datetime | None, config_path: Path | None) -> None:
    """Write every recorded message as CSV on stdout: one row each, for staff and the committee."""
    import csv

    from rrr_mailbot.app import open_settings_ledger

    settings = _settings(config_path)
    after = since.replace(tzinfo=UTC) if since else None
    ledger = open_settings_ledger(settings)
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


# ---------------------------------------------------------------------------------- doctor, health


@cli.command()
@_config_option
def doctor(config_path: Path | None) -> None:
    """Check settings, templates, database, data folder, mailbox, transport; exit 1 on a fault."""
    from rrr_mailbot.doctor import run_checks

    settings = _settings(config_path)
    failed = 0
    for result in run_checks(settings):
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
    from rrr_mailbot.doctor import heartbeat_path, heartbeat_problems, read_heartbeat

    settings = _settings(config_path)
    if max_age_s is None:
        poll = (
            settings.mailbox.poll_interval_s if isinstance(settings.mailbox, ImapSettings) else 60
        )
        max_age_s = 3 * max(poll, settings.service.delivery_interval_s) + 60
    problems = heartbeat_problems(read_heartbeat(heartbeat_path(settings)), utc_now(), max_age_s)
    if problems:
        click.echo(f"unhealthy: {'; '.join(problems)}", err=True)
        raise click.exceptions.Exit(1)
    click.echo("healthy")


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
