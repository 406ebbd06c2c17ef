"""A realistic ledger for the staff web view's tests: the demo's applications (one complete,
one missing its letter, one late, an auto-reply, a zip, a forward, a winmail.dat) plus one whose
sender put script into the display name, the subject and a file name; processed by `run --once`
over the embedded deployment (Maildir, SQLite, file outbox)."""

from __future__ import annotations

import dataclasses
import hashlib
import mailbox
from pathlib import Path

from rrr_mailbot.cli import main
from rrr_mailbot.config import load_settings
from rrr_mailbot.demo import SAMPLES
from rrr_mailbot.model import submission_reference
from rrr_mailbot.web.auth import hash_password

USER, PASSWORD = "alice", "correct horse battery"
SECRET = "s" * 48
HOSTILE_NAME = "<script>alert('name')</script>"
HOSTILE_SUBJECT = "<script>alert('subject')</script> RRR application"
HOSTILE_FILE = "<img src=x onerror=alert('file')>.docx"


@dataclasses.dataclass(frozen=True)
class StaffLedger:
    folder: Path
    config: Path
    references: dict[str, str]  # demo sample name (or "hostile") -> its reference


def write_config(folder: Path, web: str) -> Path:
    config = folder / "settings.toml"
    config.write_text(
        'call_from = "rrr-2021.toml"\n'
        f'[mailbox]\nkind = "maildir"\npath = "{folder / "maildir"}"\n'
        f'[transport]\nkind = "file"\noutbox_dir = "{folder / "outbox"}"\n'
        f'[database]\nurl = "sqlite:///{folder / "ledger.sqlite3"}"\n'
        f'[storage]\ndata_dir = "{folder / "data"}"\n' + web,
        encoding="utf-8",
    )
    return config


def web_section(**keys: str) -> str:
    lines = "".join(f"{k} = {v}\n" for k, v in keys.items())
    return f'[web]\n{lines}[web.users]\n{USER} = "{hash_password(PASSWORD)}"\n'


def build_staff_ledger(folder: Path, **web_keys: str) -> StaffLedger:
    """The ledger described above, in ``folder``; ``web_keys`` go into ``[web]``."""
    folder.mkdir(parents=True, exist_ok=True)
    config = write_config(folder, web_section(**web_keys))
    call = load_settings(config).call
    box = mailbox.Maildir(folder / "maildir", create=True)
    form = SAMPLES[1].attachments()[0]
    hostile = dataclasses.replace(
        SAMPLES[1],
        sender="evil@hostile.example",
        subject=HOSTILE_SUBJECT,
        attachments=lambda: [(HOSTILE_FILE, form[1], form[2])],
    ).build(call)
    hostile.replace_header("From", f'"{HOSTILE_NAME}" <evil@hostile.example>')
    raws = {s.name: s.build(call).as_bytes() for s in SAMPLES}
    raws["hostile"] = hostile.as_bytes()
    references = {}
    for name, raw in raws.items():
        box.add(raw)
        references[name] = submission_reference(
            call.reference_prefix, hashlib.sha256(raw).hexdigest()
        )
    code = main(["run", "--once", "--config", str(config)])
    assert code == 0, "the demo messages must process"
    return StaffLedger(folder, config, references)
