"""Every `rrr-mailbot ...` command line quoted in README.md, docker/README.md and docs/*.md works
as written, and so do the commands docker/compose.yaml and config/systemd/rrr-mailbot.service run.

The command lines are extracted from the two files (fenced code blocks and inline code spans; a
`docker compose ... run --rm mailbot ARGS` line is the image's entry point, `rrr-mailbot ARGS`),
their placeholders filled in (PLACEHOLDERS says with what and why), and each is run against a
temporary embedded deployment (Maildir + SQLite + file outbox) named by RRR_MAILBOT_CONFIG, so a
command that ignored the variable would touch the packaged default instead and be caught.

The production command lines name /etc/rrr-mailbot/production.toml, which needs a live IMAP server,
SMTP server and PostgreSQL: they are run with the temporary settings file in its place (what is
tested is the command line: its options and their order). The production settings themselves
are loaded by tests/integration/test_docker_files.py, and that path end to end by
tests/integration/test_service_e2e.py. Commands that cannot run here at all are in EXEMPT, each with
the reason and the test that runs it instead.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
import logging
import mailbox
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
import yaml  # type: ignore[import-untyped]

from rrr_mailbot.cli import cli, main
from rrr_mailbot.config import CONFIG_ENV, load_settings
from rrr_mailbot.demo import SAMPLES
from rrr_mailbot.doctor import heartbeat_path, read_heartbeat
from rrr_mailbot.model import submission_reference

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = (
    REPO / "README.md",
    REPO / "docker" / "README.md",
    *sorted((REPO / "docs").glob("*.md")),
)

# Placeholder -> what stands in for it ({dir} is the test's folder); the reason is in the comment.
PLACEHOLDERS = {
    "FILE.eml": "{dir}/sample.eml",  # a demo application
    "ISO8601": "2021-05-20T10:00:00+02:00",
    "DIR": "{dir}/demo-dir",
    "DAY": "2021-01-01",
    "TIME": "2021-05-20T00:00:00+00:00",
    "N": "3600",
    "PATH": "{dir}/settings.toml",
    "FILE": "{dir}/settings.toml",
    # Needs IMAP + SMTP + PostgreSQL: see the module docstring.
    "/etc/rrr-mailbot/production.toml": "{dir}/settings.toml",
    "...": "doctor",  # "rrr-mailbot --log-json ...": any command
    # Folders bind-mounted into a container (docker/README.md).
    "/preview": "{dir}/preview",
    "/dry-run": "{dir}/dry-run",
    # The staff commands: the application waiting in the Maildir (processed by the service, which
    # runs first), a second address of its sender's domain (`link` joins it, then `show` finds
    # it), a new folder for the export pack, a state.
    "REF": "{ref}",
    "ADDRESS": "{address}",
    "PACK": "{dir}/pack",
    "STATE": "incomplete",
}

# Documented commands this test does not run, and why (each is run elsewhere).
EXEMPT = {
    "doctor --send-test": "needs a live IMAP and SMTP server: "
    "tests/integration/test_doctor_live.py runs it against Dovecot and Postfix",
    "web": "serves until stopped: tests/integration/test_web_browser.py serves the same app and "
    "tests/unit/test_web.py checks that the command refuses to start unconfigured",
    "web --config FILE": "the same as `web`",
    "web passwd USER --config FILE": "asks for a password twice: tests/unit/test_web.py runs it "
    "with --password",
}

_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.M | re.S)
_SPAN = re.compile(r"`([^`\n]+)`")
_COMMAND = re.compile(r"(?<![\w/.-])rrr-mailbot (?P<args>[^`#;|&]+)")
_COMPOSE_RUN = re.compile(
    r"docker compose .*? run --rm (?:(?:--user|-v) (?:\"[^\"]*\"|\S+) )*mailbot (?P<args>[^`#;|&]+)"
)
_OPTIONAL = re.compile(r"\[([^\[\]]+)\]")


def configured_commands() -> list[tuple[str, str]]:
    """(where, argument string) for the commands the compose file and the systemd unit run."""
    found = []
    compose = yaml.safe_load((REPO / "docker" / "compose.yaml").read_text(encoding="utf-8"))
    for service in compose["services"].values():
        if service.get("image") == "rrr-mailbot:local":
            found.append(("compose.yaml", shlex.join(service["command"])))
    unit = REPO / "config" / "systemd" / "rrr-mailbot.service"
    for line in unit.read_text(encoding="utf-8").splitlines():
        if line.startswith(("ExecStart=", "ExecStartPre=")):
            program, _, args = line.partition("=")[2].partition(" ")
            assert program.endswith("/rrr-mailbot"), line
            found.append((unit.name, args))
    return found


def documented_commands() -> list[tuple[str, str]]:
    """(where, argument string) for every command line in the documents, in order, then the
    commands the compose file and the systemd unit run."""
    found = []
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        snippets = [line for block in _FENCE.findall(text) for line in block.splitlines()]
        snippets += _SPAN.findall(_FENCE.sub("", text))
        for snippet in snippets:
            for pattern in (_COMPOSE_RUN, _COMMAND):
                for match in pattern.finditer(snippet):
                    where = document.relative_to(REPO).as_posix()
                    found.append((where, match["args"].strip()))
    return found + configured_commands()


def waiting_application(folder: Path) -> tuple[str, str]:
    """(reference, another address of its sender's domain) of the one message waiting in the
    deployment's Maildir."""
    box = mailbox.Maildir(folder / "maildir", create=False)
    (raw,) = [box.get_bytes(key) for key in box.iterkeys()]
    call = load_settings(Path(os.environ[CONFIG_ENV])).call
    sender = email.message_from_bytes(raw, policy=email.policy.default)["From"].addresses[0]
    reference = submission_reference(call.reference_prefix, hashlib.sha256(raw).hexdigest())
    return reference, f"second-office@{sender.domain}"


def to_argv(args: str, folder: Path) -> list[str]:
    """The documented arguments with optional parts included and placeholders filled in."""
    expanded = _OPTIONAL.sub(r"\1", args)
    words = shlex.split(expanded)
    ref, address = waiting_application(folder) if {"REF", "ADDRESS"} & set(words) else ("", "")
    return [
        PLACEHOLDERS.get(word, word).format(dir=folder, ref=ref, address=address) for word in words
    ]


def is_service(argv: list[str]) -> bool:
    """`run` without --once or --dry-run: the service, which runs until SIGTERM."""
    return "run" in argv and not {"--once", "--dry-run"} & set(argv)


@pytest.fixture
def deployment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An embedded deployment in tmp_path, named by RRR_MAILBOT_CONFIG, one application waiting."""
    config = tmp_path / "settings.toml"
    config.write_text(
        'call_from = "rrr-2021.toml"\n'
        f'[mailbox]\nkind = "maildir"\npath = "{tmp_path / "maildir"}"\n'
        f'[transport]\nkind = "file"\noutbox_dir = "{tmp_path / "outbox"}"\n'
        f'[database]\nurl = "sqlite:///{tmp_path / "ledger.sqlite3"}"\n'
        f'[storage]\ndata_dir = "{tmp_path / "data"}"\n'
        "[service]\ndelivery_interval_s = 1\n",
        encoding="utf-8",
    )
    call = load_settings(config).call
    (tmp_path / "sample.eml").write_bytes(SAMPLES[0].build(call).as_bytes())
    mailbox.Maildir(tmp_path / "maildir", create=True).add(SAMPLES[1].build(call).as_bytes())
    work = tmp_path / "work"  # relative defaults (the demo's folder) land here
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv(CONFIG_ENV, str(config))
    monkeypatch.delenv("RRR_MAILBOT_DATABASE_URL", raising=False)
    yield tmp_path


def run_service(argv: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    """Start the service as the documented command line does; stop it with SIGTERM once both of
    its loops have beaten."""
    settings = load_settings(Path(os.environ[CONFIG_ENV]))
    beat = heartbeat_path(settings)
    beat.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "rrr_mailbot.cli", *argv],
        env=env, cwd=folder / "work", stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while {"intake", "delivery"} - set(read_heartbeat(beat)):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the service never completed a pass"
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    return subprocess.CompletedProcess(argv, process.returncode, out, err)


def test_the_documents_quote_the_commands_this_test_expects() -> None:
    """The extraction finds the commands (a broken pattern would pass the test below vacuously)."""
    found = {args for _where, args in documented_commands()}
    assert {"demo", "run --once", "doctor [--fix]", "db upgrade"} <= found
    staff = {"link ADDRESS REF", "show REF", "show ADDRESS", "resend REF", "reprocess REF [--yes]",
             "export --out PACK [--format xlsx]", "applications [--state STATE]"}  # fmt: skip
    assert staff <= found
    assert "--config /etc/rrr-mailbot/production.toml run" in found
    assert any(w == "README.md" for w, a in documented_commands() if a == "run --once")
    assert any(w == "README.md" for w, a in documented_commands() if a.startswith("run --dry-run"))
    assert any(w == "README.md" for w, a in documented_commands() if a.startswith("preview"))
    assert ("docker/README.md", "run --dry-run --dry-run-dir /dry-run") in documented_commands()
    assert ("docker/README.md", "preview --out /preview") in documented_commands()
    assert ("docker/README.md", "doctor --fix") in documented_commands()
    assert ("compose.yaml", "db upgrade") in documented_commands()
    assert set(EXEMPT) <= found  # an exemption for a command no longer documented goes too
    assert ("rrr-mailbot.service", "run") in documented_commands()
    compose_runs = [a for w, a in documented_commands() if w == "README.md" and "compose" in a]
    assert not compose_runs


def test_every_documented_command_works_as_written(
    deployment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commands = [(where, args, to_argv(args, deployment)) for where, args in documented_commands()]
    # The schema first (as the documents say), the service next (it writes the heartbeat that
    # `health` reads), then every other command in the order the documents give them.
    assert main(["db", "upgrade"]) == 0
    failures, seen = [], set()
    for where, args, argv in sorted(commands, key=lambda c: not is_service(c[2])):
        if tuple(argv) in seen or args in EXEMPT:  # quoted again: once is enough
            continue
        seen.add(tuple(argv))
        if is_service(argv):
            result = run_service(argv, deployment)
            code, out, err = result.returncode, result.stdout, result.stderr
        else:
            capsys.readouterr()
            code = main(argv)
            out, err = capsys.readouterr()
        if code != 0 or "Traceback" in err:
            failures.append(f"{where}: rrr-mailbot {args}  ->  exit {code}\n{out}{err}")
    assert not failures, "\n\n".join(failures)
    # Everything happened in the deployment RRR_MAILBOT_CONFIG names, nothing in the working folder
    # but the demo's own folder.
    assert list((deployment / "outbox").glob("*.eml"))
    assert {p.name for p in (deployment / "work").iterdir()} <= {"rrr-mailbot-demo"}


def all_commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> Iterator[list[str]]:
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))
        else:
            yield [*prefix, name]


# Arguments a command needs before it reads its settings.
_REQUIRED_ARGS = {
    "check": ["{dir}/sample.eml"],
    "show": ["RRR-0000-0000"],
    "link": ["someone@city.example", "RRR-0000-0000"],
    "resend": ["RRR-0000-0000"],
    "review": ["RRR-0000-0000"],
    "reprocess": ["RRR-0000-0000"],
    "passwd": ["bob", "--password", "a long passphrase"],
}


@pytest.mark.parametrize("where", ["before", "after", "environment"])
@pytest.mark.parametrize("command", list(all_commands()), ids=" ".join)
def test_every_command_reads_the_settings_file_it_is_given(
    command: list[str], where: str, deployment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--config before or after the command's name, or RRR_MAILBOT_CONFIG: every command loads
    exactly that file (a missing one is an error naming it, exit 2)."""
    missing = str(deployment / "nowhere.toml")
    args = [a.format(dir=deployment) for a in _REQUIRED_ARGS.get(command[-1], [])]
    if where == "before":
        argv = ["--config", missing, *command, *args]
    elif where == "after":
        argv = [*command, *args, "--config", missing]
    else:
        os.environ[CONFIG_ENV] = missing  # restored by the fixture's monkeypatch
        argv = [*command, *args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "nowhere.toml" in err and err.count("\n") == 1, err


def test_the_option_after_the_command_wins(
    deployment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = os.environ[CONFIG_ENV]
    assert (
        main(["--config", str(deployment / "nowhere.toml"), "db", "current", "--config", good]) == 1
    )
    assert "no ledger database" in capsys.readouterr().out
    assert main(["--config", good, "db", "current", "--config", "/nowhere.toml"]) == 2


@pytest.mark.parametrize("where", ["before", "after"])
def test_log_options_work_on_either_side_of_the_command(
    where: str, deployment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--log-json", "-v", "db", "upgrade"] if where == "before" else [
        "db", "upgrade", "--log-json", "-v"
    ]  # fmt: skip
    assert main(argv) == 0
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert any(line.get("action") == "ledger_migrate" for line in lines), lines
    assert logging.getLogger().level == logging.DEBUG  # -v
