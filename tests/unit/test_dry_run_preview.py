"""`run --dry-run` (decides and records apart, moves and sends nothing) and `preview`."""

from __future__ import annotations

import mailbox
import re
import sqlite3
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from rrr_mailbot.cli import main
from rrr_mailbot.config import load_settings
from rrr_mailbot.demo import SAMPLES
from rrr_mailbot.replies import KINDS
from tests.unit.test_doctor import embedded_config


def files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_dry_run_records_apart_moves_nothing_and_writes_what_it_would_send(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = embedded_config(tmp_path)
    call = load_settings(config).call
    box = mailbox.Maildir(tmp_path / "maildir", create=True)
    for sample in SAMPLES:
        box.add(sample.build(call).as_bytes())
    mail_before = files(tmp_path / "maildir")
    dry = tmp_path / "dry"

    assert main(["run", "--dry-run", "--dry-run-dir", str(dry), "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"dry run: 7: 4 accepted, 1 ignored, 1 incomplete, 1 late; 6 replies", out)
    assert files(tmp_path / "maildir") == mail_before  # nothing moved, nothing flagged
    would_send = sorted((dry / "would-send").glob("*.eml"))
    assert len(would_send) == 6
    recipients = {
        str(message_from_bytes(p.read_bytes(), policy=policy.default)["To"]) for p in would_send
    }
    assert "urbanismo@valencia.example" in " ".join(recipients)
    # The real deployment is untouched: no ledger, no data, no outbox.
    for real in ("ledger.sqlite3", "store", "outbox"):
        assert not (tmp_path / real).exists(), real
    with sqlite3.connect(dry / "dry-run-ledger.sqlite3") as ledger:
        assert ledger.execute("SELECT count(*) FROM messages").fetchone() == (7,)
    assert (dry / "dry-run-data").is_dir()

    # The real run afterwards processes everything itself: the dry run left no trace on it.
    assert main(["run", "--once", "--config", str(config)]) == 0
    assert "replies sent 6" in capsys.readouterr().out
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 6
    assert not list((tmp_path / "maildir" / "new").iterdir())


def test_dry_run_refuses_the_real_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = embedded_config(tmp_path)
    args = ["run", "--dry-run", "--dry-run-dir", str(tmp_path / "store"), "--config", str(config)]
    assert main(args) == 2
    assert "overlaps the data folder" in capsys.readouterr().err
    assert main(["run", "--dry-run-dir", str(tmp_path / "x"), "--config", str(config)]) == 2
    assert not (tmp_path / "x").exists()


def test_preview_renders_every_kind_in_every_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "preview"
    assert main(["preview", "--out", str(out)]) == 0
    assert "21 replies (7 languages)" in capsys.readouterr().out
    languages = {"de", "en", "es", "fr", "it", "pl", "pt"}
    assert {p.name for p in out.iterdir() if p.is_dir()} == languages
    index = (out / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"]+)"', index))
    assert len(links) == 21 * 3
    assert all((out / link).is_file() for link in links)
    for language in languages:
        for kind in KINDS:
            mail = message_from_bytes(
                (out / language / f"{kind}.eml").read_bytes(), policy=policy.default
            )
            assert mail["Content-Language"] == language
            assert mail["X-RRR-Decision"] == {"acknowledgement": "accepted"}.get(kind, kind)
            assert mail["Subject"] and mail["Subject"] in index.replace("&#x27;", "'").replace(
                "&amp;", "&"
            )
            html = (out / language / f"{kind}.html").read_text(encoding="utf-8")
            assert "<html" in html.lower() and "RRR-" in html  # the submission reference
            assert (out / language / f"{kind}.txt").read_text(encoding="utf-8").strip()
    # Missing-document and late wording differ from the receipt's.
    en = {kind: (out / "en" / f"{kind}.txt").read_text(encoding="utf-8") for kind in KINDS}
    assert "letter of intent" in en["incomplete"].lower()
    assert len(set(en.values())) == 3


def test_preview_refuses_a_call_its_samples_do_not_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "call.toml"
    config.write_text(
        'call_from = "rrr-2021.toml"\n[call]\nidentity_cues = ["zzz-never-seen"]\n'
        '[[call.documents]]\nid = "budget"\nlabel = "budget"\n'
        'filename_cues = {en = ["budget"]}\ntext_cues = {en = ["budget table"]}\n',
        encoding="utf-8",
    )
    assert main(["preview", "--out", str(tmp_path / "p"), "--config", str(config)]) == 2
    assert re.search(r"preview: the sample application '.+' was decided", capsys.readouterr().err)
