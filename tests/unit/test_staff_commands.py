"""The staff commands end to end over an embedded deployment (Maildir, SQLite, file outbox):
`applications`, `show`, `link`, `resend`, `reprocess`, `export --out`, each where it must work and
where it must refuse (exit 2 with a message that says what to do)."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import mailbox
from collections.abc import Iterator
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import pytest

from rrr_mailbot.cli import main
from rrr_mailbot.config import load_settings
from rrr_mailbot.demo import SAMPLES, Sample
from rrr_mailbot.model import submission_reference

# Valencia: form and letter in one message (made once: each making stamps the files anew).
FORM, LETTER = SAMPLES[0].attachments()
COMPLETE = dataclasses.replace(SAMPLES[0], attachments=lambda: [FORM, LETTER])


@dataclasses.dataclass
class Deployment:
    folder: Path
    config: Path
    capsys: pytest.CaptureFixture[str]

    def run(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main([*args, "--config", str(self.config)])
        out, err = self.capsys.readouterr()
        return code, out, err

    def deliver(self, *samples: Sample) -> list[str]:
        """Put messages in the Maildir, run one pass; their references."""
        call = load_settings(self.config).call
        box = mailbox.Maildir(self.folder / "maildir", create=True)
        refs = []
        for sample in samples:
            raw = sample.build(call).as_bytes()
            box.add(raw)
            refs.append(
                submission_reference(call.reference_prefix, hashlib.sha256(raw).hexdigest())
            )
        assert self.run("run", "--once")[0] == 0
        return refs

    def outbox(self) -> list[Path]:
        return sorted((self.folder / "outbox").glob("*.eml"))


@pytest.fixture
def deployment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Deployment]:
    config = tmp_path / "settings.toml"
    config.write_text(
        'call_from = "rrr-2021.toml"\n'
        f'[mailbox]\nkind = "maildir"\npath = "{tmp_path / "maildir"}"\n'
        f'[transport]\nkind = "file"\noutbox_dir = "{tmp_path / "outbox"}"\n'
        f'[database]\nurl = "sqlite:///{tmp_path / "ledger.sqlite3"}"\n'
        f'[storage]\ndata_dir = "{tmp_path / "data"}"\n',
        encoding="utf-8",
    )
    yield Deployment(tmp_path, config, capsys)


def split(sender: str, attachment: tuple[str, str, bytes], received: str) -> Sample:
    """The complete sample's message with only one of its files, from ``sender``."""
    return dataclasses.replace(
        COMPLETE,
        sender=sender,
        subject=f"RRR Valencia: {attachment[0]}",
        received=received,
        attachments=lambda: [attachment],
    )


FORM_ONLY = split("urbanismo@valencia.example", FORM, "Wed, 19 May 2021 10:00:00 +0200")
LETTER_OTHER_OFFICE = split(
    "alcaldia@ayto-valencia.example", LETTER, "Thu, 20 May 2021 09:00:00 +0200"
)


def test_applications_table_and_state_filter(deployment: Deployment) -> None:
    complete, porto = deployment.deliver(COMPLETE, SAMPLES[1])
    code, out, _ = deployment.run("applications")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["REFERENCE", "APPLICANT", "CITY,", "COUNTRY", "STATE", "MISSING",
                                "FLAGS"]  # fmt: skip
    valencia = next(line for line in lines if complete in line)
    assert "urbanismo@valencia.example" in valencia and "Valencia, ?" in valencia
    assert " complete " in valencia
    assert lines[-1] == "2 application(s)"
    code, out, _ = deployment.run("applications", "--state", "incomplete")
    assert code == 0 and porto in out and complete not in out
    assert "letter_of_intent" in out
    code, out, _ = deployment.run("applications", "--state", "late")
    assert (code, out) == (0, "no applications in state late\n")
    code, _, err = deployment.run("applications", "--state", "lost")
    assert code == 2 and "'lost' is not one of" in err


def test_show_by_reference_and_by_address(deployment: Deployment) -> None:
    (ref,) = deployment.deliver(COMPLETE)
    code, by_ref, _ = deployment.run("show", ref.lower())
    assert code == 0
    assert by_ref.startswith("Application urbanismo@valencia.example: complete\n")
    sha = hashlib.sha256(FORM[2]).hexdigest()
    assert (
        f"document Application form (application_form): {FORM[0]}, {len(FORM[2]):,} bytes, "
        f"sha256 {sha}" in by_ref
    )
    assert "reply: acknowledgement to urbanismo@valencia.example: sent" in by_ref
    assert "arrived 2021-05-20 10:12 CEST" in by_ref
    assert deployment.run("show", "URBANISMO@valencia.example")[1] == by_ref


@pytest.mark.parametrize("wanted", ["RRR-0000-0000", "nobody@nowhere.example", "garbage"])
def test_show_of_nothing_exits_2_and_says_where_to_look(
    deployment: Deployment, wanted: str
) -> None:
    deployment.deliver(COMPLETE)
    code, out, err = deployment.run("show", wanted)
    assert code == 2 and not out
    assert "see `rrr-mailbot applications`" in err and wanted in err


def test_show_of_an_ignored_message_says_it_belongs_to_no_application(
    deployment: Deployment,
) -> None:
    (ref,) = deployment.deliver(SAMPLES[3])  # an auto-reply
    code, out, _ = deployment.run("show", ref)
    assert code == 0 and out.startswith(f"Message {ref} belongs to no application (ignored)")
    code, _, err = deployment.run("link", "someone@gdansk.example", ref)
    assert code == 2 and "belongs to no application" in err


def test_a_linked_second_address_joins_the_application(deployment: Deployment) -> None:
    """The office that sent the form, then the mayor's office the letter: staff link the second
    address and the two messages are one complete application."""
    (form_ref,) = deployment.deliver(FORM_ONLY)
    code, out, _ = deployment.run("link", "Alcaldia@AYTO-valencia.example", form_ref)
    assert (code, out) == (
        0,
        "alcaldia@ayto-valencia.example linked to application urbanismo@valencia.example\n",
    )
    assert deployment.run("link", "alcaldia@ayto-valencia.example", form_ref)[1].endswith(
        "already linked to application urbanismo@valencia.example\n"
    )
    # Linked before it wrote: its address already finds the application.
    code, out, _ = deployment.run("show", "alcaldia@ayto-valencia.example")
    assert code == 0 and out.startswith("Application urbanismo@valencia.example: incomplete")
    (letter_ref,) = deployment.deliver(LETTER_OTHER_OFFICE)
    code, out, _ = deployment.run("applications")
    assert out.splitlines()[-1] == "1 application(s)"
    assert letter_ref in out and " complete " in out
    code, history, _ = deployment.run("show", "alcaldia@ayto-valencia.example")
    assert history.startswith("Application urbanismo@valencia.example: complete")
    assert form_ref in history and letter_ref in history
    assert "linked by staff: alcaldia@ayto-valencia.example" in history
    assert "staff: " in history and "linked: alcaldia@ayto-valencia.example joined" in history


def test_unlinked_the_two_offices_are_two_incomplete_applications(
    deployment: Deployment,
) -> None:
    deployment.deliver(FORM_ONLY, LETTER_OTHER_OFFICE)
    out = deployment.run("applications")[1]
    assert out.splitlines()[-1] == "2 application(s)"
    assert out.count(" incomplete ") == 2


def test_a_domain_link_joins_every_address_of_the_domain(deployment: Deployment) -> None:
    (form_ref,) = deployment.deliver(FORM_ONLY)
    assert deployment.run("link", "@Ayto-Valencia.example", form_ref)[0] == 0
    deployment.deliver(LETTER_OTHER_OFFICE)
    out = deployment.run("applications")[1]
    assert out.splitlines()[-1] == "1 application(s)" and " complete " in out


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("not-an-address", "is not an email address"),
        ("@", "is not a domain"),
        ("@nodot", "is not a domain"),
        ("urbanismo@valencia.example", "already where"),
    ],
)
def test_link_refuses_what_it_cannot_link(
    deployment: Deployment, address: str, message: str
) -> None:
    (ref,) = deployment.deliver(FORM_ONLY)
    code, _, err = deployment.run("link", address, ref)
    assert code == 2 and message in err
    code, _, err = deployment.run("link", "x@y.example", "RRR-0000-0000")
    assert code == 2 and "no message with reference 'RRR-0000-0000'" in err


def test_resend_queues_the_last_reply_again_once(deployment: Deployment) -> None:
    (ref,) = deployment.deliver(COMPLETE)
    (first,) = deployment.outbox()
    code, out, _ = deployment.run("resend", ref)
    assert (code, out) == (
        0,
        f"queued again as {ref}:resend:1; the service sends it (or `rrr-mailbot run --once`)\n",
    )
    code, _, err = deployment.run("resend", ref)  # the first resend is still pending
    assert code == 2 and "already waiting in the outbox (pending)" in err
    assert deployment.run("run", "--once")[0] == 0
    (again,) = [p for p in deployment.outbox() if p != first]
    old = message_from_bytes(first.read_bytes(), policy=default_policy)
    new = message_from_bytes(again.read_bytes(), policy=default_policy)
    assert new["Message-ID"] != old["Message-ID"] and new["Subject"] == old["Subject"]
    assert new.get_body(("plain",)).get_content() == old.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    history = deployment.run("show", ref)[1]
    assert "resend: acknowledgement to urbanismo@valencia.example: sent" in history
    # Delivered, it may be sent again: a second resend, with its own key.
    assert deployment.run("resend", ref)[1].startswith(f"queued again as {ref}:resend:2;")


def test_resend_refuses_a_message_without_reply_and_an_unknown_one(
    deployment: Deployment,
) -> None:
    (ref,) = deployment.deliver(SAMPLES[3])  # an auto-reply gets no reply
    code, _, err = deployment.run("resend", ref)
    assert code == 2 and "has no reply to send again" in err
    code, _, err = deployment.run("resend", "RRR-0000-0000")
    assert code == 2 and "no message with reference" in err


def test_reprocess_with_unchanged_settings_changes_nothing(deployment: Deployment) -> None:
    (ref,) = deployment.deliver(COMPLETE)
    code, out, _ = deployment.run("reprocess", ref)
    assert (code, out) == (0, f"{ref}: accepted -> accepted\n  no change\n")
    code, out, _ = deployment.run("reprocess", ref, "--yes")
    assert out.endswith("nothing to record\n")


def test_reprocess_after_a_config_fix_shows_then_records_and_replies(
    deployment: Deployment,
) -> None:
    """The deadline was configured a day too early: the message was late. Fixed, reprocess shows
    the change, records it only with --yes (the old decision kept), and queues the new reply."""
    good = deployment.config.read_text(encoding="utf-8")
    deployment.config.write_text(
        good.replace('call_from = "rrr-2021.toml"\n', 'call_from = "rrr-2021.toml"\n[call]\n'
                     'deadline = 2021-05-19T23:00:00\n'),
        encoding="utf-8",
    )  # fmt: skip
    (ref,) = deployment.deliver(COMPLETE)
    assert " late " in deployment.run("applications")[1]
    deployment.config.write_text(good, encoding="utf-8")
    code, out, _ = deployment.run("reprocess", ref)
    assert code == 0
    assert out.splitlines()[:2] == [f"{ref}: late -> accepted", "  outcome: late -> accepted"]
    assert out.endswith(f"nothing recorded; run `rrr-mailbot reprocess {ref} --yes` to record it\n")
    assert " late " in deployment.run("applications")[1]  # nothing recorded yet
    code, out, _ = deployment.run("reprocess", ref, "--yes")
    assert out.endswith(f"recorded; new reply queued as {ref}:reprocess:1\n")
    assert " complete " in deployment.run("applications")[1]
    history = deployment.run("show", ref)[1]
    assert "reprocessed: was: late;" in history
    assert "reprocess: acknowledgement to urbanismo@valencia.example: pending" in history
    # Decided again with the same settings: nothing more changes, nothing more is queued.
    assert deployment.run("reprocess", ref, "--yes")[1].endswith("nothing to record\n")


def test_reprocess_refuses_an_unknown_reference(deployment: Deployment) -> None:
    deployment.deliver(COMPLETE)
    code, _, err = deployment.run("reprocess", "RRR-0000-0000", "--yes")
    assert code == 2 and "no message with reference" in err


def _manifest(folder: Path) -> list[dict[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def test_export_writes_one_folder_per_application_with_checksums(
    deployment: Deployment, tmp_path: Path
) -> None:
    complete, porto = deployment.deliver(COMPLETE, SAMPLES[1])
    out_dir = tmp_path / "pack"
    code, out, _ = deployment.run("export", "--out", str(out_dir))
    assert code == 0 and out.startswith("2 applications, 5 files written to")
    rows = _manifest(out_dir)
    assert {r["file"] for r in rows} == {
        "001-Valencia/application_form-Formulario_solicitud_Valencia.docx",
        "001-Valencia/letter_of_intent-Carta_de_intención_Valencia.docx",
        f"001-Valencia/messages/{complete}.eml",
        "002-Porto/application_form-Application form Porto.docx",
        f"002-Porto/messages/{porto}.eml",
    }
    for row in rows:
        data = (out_dir / row["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"]
        assert int(row["size_bytes"]) == len(data)
    assert (out_dir / "001-Valencia" / "letter_of_intent-Carta_de_intención_Valencia.docx"
            ).read_bytes() == LETTER[2]  # fmt: skip
    with (out_dir / "applications.csv").open(encoding="utf-8-sig", newline="") as file:
        summary = {r["application"]: r for r in csv.DictReader(file)}
    assert summary["international@porto.example"]["missing"] == "letter_of_intent"
    assert summary["international@porto.example"]["population"] == "231800"
    # A pack is never mixed with an older one.
    code, _, err = deployment.run("export", "--out", str(out_dir))
    assert code == 2 and "is not an empty folder" in err


def test_export_names_from_applicants_cannot_escape_or_collide(
    deployment: Deployment, tmp_path: Path
) -> None:
    evil = dataclasses.replace(
        COMPLETE,
        attachments=lambda: [
            ("../../../etc/passwd\u202e\x07.docx", FORM[1], FORM[2]),
            ("..\\..\\passwd\t.docx", LETTER[1], LETTER[2]),
        ],
    )
    (ref,) = deployment.deliver(evil)
    out_dir = tmp_path / "pack"
    assert deployment.run("export", "--out", str(out_dir))[0] == 0
    written = sorted(p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file())
    # Intake kept the last part of each name; the export's own cleaning is tested on raw names
    # in test_staff_eligibility_export.py.
    assert written == [
        "001-Valencia/application_form-passwd.docx",
        "001-Valencia/letter_of_intent-passwd.docx",
        f"001-Valencia/messages/{ref}.eml",
        "applications.csv",
        "manifest.csv",
    ]
    assert not (tmp_path / "etc").exists() and not (tmp_path / "passwd.docx").exists()


def test_export_xlsx_manifest(deployment: Deployment, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    deployment.deliver(COMPLETE)
    out_dir = tmp_path / "pack"
    assert deployment.run("export", "--out", str(out_dir), "--format", "xlsx")[0] == 0
    book = load_workbook(out_dir / "manifest.xlsx")
    assert book.sheetnames == ["files", "applications"]
    rows = list(book["files"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == 3
    for row in body:
        record = dict(zip(header, row, strict=True))
        data = (out_dir / str(record["file"])).read_bytes()
        assert hashlib.sha256(data).hexdigest() == record["sha256"]
        assert record["size_bytes"] == len(data)
    assert not (out_dir / "manifest.csv").exists()


def test_export_without_out_is_still_the_csv_of_messages(deployment: Deployment) -> None:
    (ref,) = deployment.deliver(COMPLETE)
    code, out, _ = deployment.run("export")
    assert code == 0 and out.startswith("reference,arrival_utc,sender")
    assert ref in out
    code, _, err = deployment.run("export", "--format", "xlsx")
    assert code == 2 and "--format goes with --out" in err


def test_a_new_identity_changes_only_message_id_and_date() -> None:
    from datetime import UTC, datetime

    from rrr_mailbot.staff.actions import with_new_identity

    old = (
        b"From: a@x.example\r\nMessage-ID:\r\n <old@x.example>\r\nDate: Mon, 1 Jan 2001 00:00:00"
        b" +0000\r\nSubject: s\r\n\r\nMessage-ID: <in-the-body@x>\r\n"
    )
    new = with_new_identity(old, "<new@x.example>", datetime(2021, 5, 20, 8, 0, tzinfo=UTC))
    assert new == (
        b"From: a@x.example\r\nSubject: s\r\nDate: Thu, 20 May 2021 08:00:00 +0000\r\n"
        b"Message-ID: <new@x.example>\r\n\r\nMessage-ID: <in-the-body@x>\r\n"
    )


def test_review_marks_a_messages_flags_looked_at_once(deployment: Deployment) -> None:
    """A form plus an unreadable scan: the scan is taken as the letter by elimination and flagged;
    staff look, mark it reviewed, and the application is complete."""
    scan = ("scan0001.jpg", "image/jpeg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 200)
    flagged = dataclasses.replace(COMPLETE, attachments=lambda: [FORM, scan])
    (ref,) = deployment.deliver(flagged)
    out = deployment.run("applications")[1]
    assert " needs_review " in out and "assigned_by_elimination" in out
    code, line, _ = deployment.run("review", ref)
    assert code == 0 and line.startswith(f"{ref} marked reviewed (assigned_by_elimination")
    assert " complete " in deployment.run("applications")[1]
    assert deployment.run("review", ref)[1] == f"{ref} was marked reviewed before\n"
    assert "review flags looked at" in deployment.run("show", ref)[1]
    (plain,) = deployment.deliver(SAMPLES[1])
    assert deployment.run("review", plain)[1] == f"{plain} has no review flags: nothing to mark\n"
    assert deployment.run("review", "RRR-0000-0000")[0] == 2
