"""The `rrr-mailbot` command: check, demo, run --once, and its errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rrr_mailbot.cli import main
from rrr_mailbot.config import load_settings
from rrr_mailbot.demo import SAMPLES


@pytest.fixture
def eml(tmp_path: Path) -> Path:
    path = tmp_path / "complete.eml"
    path.write_bytes(SAMPLES[0].build(load_settings().call).as_bytes())
    return path


def test_check_json_prints_exactly_one_object(
    eml: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(eml), "--json"]) == 0
    out = capsys.readouterr().out
    result = json.loads(out)
    assert set(result) >= {"decision", "documents", "missing", "reasons", "review", "reply"}
    assert result["decision"] == "accepted"
    assert result["documents"] == {
        "application_form": "Formulario_solicitud_Valencia.docx",
        "letter_of_intent": "Carta_de_intención_Valencia.docx",
    }
    assert result["missing"] == []
    assert result["reply"]["to"] == "urbanismo@valencia.example"
    assert result["reply"]["subject"]


def test_check_received_overrides_the_arrival(
    eml: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(eml), "--json", "--received", "2021-05-21T23:00:01+02:00"]) == 0
    assert json.loads(capsys.readouterr().out)["decision"] == "late"
    assert main(["check", str(eml), "--json", "--received", "2021-05-21T23:00:00"]) == 0
    assert json.loads(capsys.readouterr().out)["decision"] == "accepted"  # read in the call's zone


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["check", "/nonexistent/file.eml"], "cannot read"),
        (["check", "{empty}"], "is empty"),
        (["check", "{eml}", "--received", "yesterday"], "not an ISO 8601 time"),
        (["check", "{eml}", "--config", "/nonexistent.toml"], "cannot read the config file"),
    ],
)
def test_errors_are_one_line_on_stderr_and_exit_2(
    tmp_path: Path, eml: Path, args: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    args = [a.format(eml=eml, empty=empty) for a in args]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert fragment in lines[0]


def test_demo_processes_every_sample_as_expected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--dir", str(tmp_path / "demo")]) == 0
    out = capsys.readouterr().out
    for sample in SAMPLES:
        assert sample.name in out
    replies = list((tmp_path / "demo" / "outbox").glob("*.eml"))
    assert len(replies) == sum(1 for s in SAMPLES if s.expected != "ignored")
    assert (tmp_path / "demo" / "ledger.sqlite3").is_file()


def test_run_once_on_the_configured_maildir(tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text(
        'call_from = "rrr-2021.toml"\n[call]\n'
        f'[mailbox]\nkind = "maildir"\npath = "{tmp_path / "mail"}"\n'
        f'[transport]\nkind = "file"\noutbox_dir = "{tmp_path / "outbox"}"\n'
        f'[database]\nurl = "sqlite:///{tmp_path / "db.sqlite3"}"\n'
        f'[storage]\ndata_dir = "{tmp_path / "store"}"\n',
        encoding="utf-8",
    )
    import mailbox

    box = mailbox.Maildir(tmp_path / "mail", create=True)
    box.add(SAMPLES[1].build(load_settings().call).as_bytes())
    # The installed console script, as an operator would run it.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "rrr_mailbot.cli",
            "--log-json",
            "run",
            "--once",
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "processed 1: 1 incomplete" in done.stdout
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
    # One structured line per decision, with the message's ids as fields.
    lines = [json.loads(line) for line in done.stderr.splitlines()]
    [decision] = [line for line in lines if line.get("action") == "message.incomplete"]
    assert decision["reference"].startswith("RRR-")
    assert decision["message_id"]


def test_export_writes_one_csv_row_per_decision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io

    assert main(["demo", "--dir", str(tmp_path / "demo")]) == 0
    config = tmp_path / "demo.toml"
    demo = tmp_path / "demo"
    config.write_text(
        'call_from = "rrr-2021.toml"\n[call]\n'
        f'[database]\nurl = "sqlite:///{demo / "ledger.sqlite3"}"\n'
        f'[storage]\ndata_dir = "{demo / "store"}"\n',
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["export", "--config", str(config)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert sorted(r["decision"] for r in rows) == sorted(s.expected for s in SAMPLES)
    late = next(r for r in rows if r["decision"] == "late")
    assert late["arrival_utc"] == "2021-05-21T21:00:01+00:00"
    assert late["application_form"] == "Formulaire de candidature.docx"
    assert main(["export", "--since", "2999-01-01", "--config", str(config)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1  # the header only
