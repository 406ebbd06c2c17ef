"""`rrr-mailbot digest`: print the staff digest, or send it through the outbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from rrr_mailbot.cli import main


@pytest.fixture
def demo_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The demo's applications processed into a ledger, and a settings file pointing at it."""
    assert main(["demo", "--dir", str(tmp_path)]) == 0
    capsys.readouterr()
    config = tmp_path / "demo.toml"
    config.write_text(
        'call_from = "rrr-2021.toml"\n[call]\n'
        f'[mailbox]\nkind = "maildir"\npath = "{tmp_path / "maildir"}"\n'
        f'[transport]\nkind = "file"\noutbox_dir = "{tmp_path / "outbox"}"\n'
        f'[database]\nurl = "sqlite:///{tmp_path / "ledger.sqlite3"}"\n'
        f'[storage]\ndata_dir = "{tmp_path / "store"}"\n',
        encoding="utf-8",
    )
    return config


def test_digest_prints_the_text_part_and_queues_nothing(
    demo_config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outbox_before = sorted((tmp_path / "outbox").iterdir())
    assert main(["digest", "--config", str(demo_config)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Staff digest for RRR Peer Learning Cities")
    assert "TOTALS (6 applications)" in out
    assert "- international@porto.example (Porto, country not given): incomplete" in out
    assert "    missing: Letter of intent" in out
    assert "(first digest: everything so far)" in out
    assert sorted((tmp_path / "outbox").iterdir()) == outbox_before


def test_digest_send_delivers_it_and_later_changes_start_from_it(
    demo_config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["digest", "--send", "--config", str(demo_config)]) == 0
    assert "sent to staff@rrr-cities.example" in capsys.readouterr().out
    (sent,) = (tmp_path / "outbox").glob("digest.*.eml")
    assert b"X-RRR-Digest: digest:rrr-2021:manual:" in sent.read_bytes()
    assert main(["digest", "--print", "--config", str(demo_config)]) == 0
    out = capsys.readouterr().out
    assert "since the last digest" in out
    assert "No new messages." in out
    assert main(["digest", "--since", "2000-01-01", "--config", str(demo_config)]) == 0
    assert "No new messages." not in capsys.readouterr().out


def test_a_bad_since_is_one_line_and_exit_2(
    demo_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["digest", "--since", "last week", "--config", str(demo_config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rrr-mailbot: error: --since 'last week' is not an ISO 8601")
    assert len(err.strip().splitlines()) == 1
