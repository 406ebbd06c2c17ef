"""`doctor` checks an installation; `health` reads the running service's heartbeat."""

from __future__ import annotations

import json
import mailbox
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rrr_mailbot.app import Service
from rrr_mailbot.cli import main
from rrr_mailbot.config import load_settings
from rrr_mailbot.demo import SAMPLES
from rrr_mailbot.doctor import heartbeat_path, heartbeat_problems, read_heartbeat
from rrr_mailbot.scheduler import Runner


def embedded_config(tmp_path: Path, database_url: str | None = None) -> Path:
    path = tmp_path / "settings.toml"
    url = database_url or f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    path.write_text(
        'call_from = "rrr-2021.toml"\n[call]\n'
        f'[mailbox]\nkind = "maildir"\npath = "{tmp_path / "maildir"}"\n'
        f'[transport]\nkind = "file"\noutbox_dir = "{tmp_path / "outbox"}"\n'
        f'[database]\nurl = "{url}"\n'
        f'[storage]\ndata_dir = "{tmp_path / "store"}"\n'
        "[service]\ndelivery_interval_s = 1\n",
        encoding="utf-8",
    )
    return path


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_doctor_passes_on_a_working_embedded_setup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = embedded_config(tmp_path)
    main(["run", "--once", "--config", str(config)])  # creates the schema
    capsys.readouterr()
    assert main(["doctor", "--config", str(config)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines[:6]] == ["ok"] * 6
    # OCR is an extra, not a fault: off (no Tesseract) is a warning that keeps the exit code 0.
    assert lines[6].split()[:2] in (["ok", "ocr"], ["warn", "ocr"])


def test_doctor_names_what_is_wrong_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/nowhere"
    assert main(["doctor", "--config", str(embedded_config(tmp_path, url))]) == 1
    out = capsys.readouterr().out
    [database] = [line for line in out.splitlines() if " database " in line]
    assert database.startswith("FAIL")
    assert "cannot reach the database" in database


def test_health_judges_the_heartbeat() -> None:
    now = datetime(2021, 5, 21, 12, 0, tzinfo=UTC)
    fresh = {"intake": (now - timedelta(seconds=10)).isoformat(), "delivery": now.isoformat()}
    assert heartbeat_problems(fresh, now, max_age_s=60) == []
    stale = {**fresh, "delivery": (now - timedelta(minutes=10)).isoformat()}
    assert heartbeat_problems(stale, now, max_age_s=60) == [
        "last delivery pass 600 s ago (limit 60 s)"
    ]
    assert heartbeat_problems({}, now, max_age_s=60) == [
        "no intake pass recorded yet",
        "no delivery pass recorded yet",
    ]


def test_the_running_service_beats_and_health_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = embedded_config(tmp_path)
    settings = load_settings(config)
    box = mailbox.Maildir(tmp_path / "maildir", create=True)
    box.add(SAMPLES[0].build(settings.call).as_bytes())
    assert main(["health", "--config", str(config)]) == 1  # nothing has run yet

    runner = Runner(Service.open(settings))
    runner.start()
    waiter = threading.Thread(target=runner.wait)
    waiter.start()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            beats = read_heartbeat(heartbeat_path(settings))
            if {"intake", "delivery"} <= set(beats) and list((tmp_path / "outbox").glob("*.eml")):
                break
            time.sleep(0.1)
    finally:
        runner.stop.set()
        waiter.join(timeout=30)
    assert not waiter.is_alive(), "the service did not stop"
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
    capsys.readouterr()
    assert main(["health", "--config", str(config)]) == 0
    assert json.loads(heartbeat_path(settings).read_text())["pid"]


def test_doctor_on_a_fresh_deployment_says_what_to_run_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = embedded_config(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    assert main(["doctor", "--config", str(config)]) == 1
    lines = capsys.readouterr().out.splitlines()
    [database] = [line for line in lines if " database " in line]
    assert database.startswith("FAIL") and "run `rrr-mailbot db upgrade`" in database
    assert [line.split()[0] for line in lines].count("FAIL") == 1  # the rest is created on use
    assert sorted(tmp_path.rglob("*")) == before

    assert main(["doctor", "--fix", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "upgraded from (empty)" in out and "FAIL" not in out
    for folder in ("store", "outbox", "maildir/new"):
        assert (tmp_path / folder).is_dir()
    assert main(["db", "current", "--config", str(config)]) == 0
