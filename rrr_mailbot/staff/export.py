"""The committee pack: one folder per application with its current documents and its raw
messages, and a manifest with the SHA-256 of every file, ready to zip.

    OUT/
      manifest.csv | manifest.xlsx     every file: application, state, flags, path, size, SHA-256
      applications.csv                 (CSV format; in XLSX a second sheet) one row per application
      001-Graz/
        form-Application form.pdf      the current file of each required document
        letter-Letter of intent.pdf
        messages/RRR-7KQ2-M4XD.eml     every message of the application, as received

File names come from applicants, so every one is made safe before it touches the disk: no path
separators or traversal, no control or invisible characters, nothing Windows refuses, bounded in
length, and unique in its folder (letter case ignored, as on the committee's laptops). Cells that
a spreadsheet would run as a formula are written as text.
"""

from __future__ import annotations

import csv
import hashlib
import io
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rrr_mailbot.config import CallSettings
from rrr_mailbot.errors import CommandError
from rrr_mailbot.files import write_atomically
from rrr_mailbot.staff.applications import Application
from rrr_mailbot.staff.eligibility import parse_population
from rrr_mailbot.staff.queries import Snapshot
from rrr_mailbot.store.blobs import BlobStore

FORMATS = ("csv", "xlsx")
MAX_NAME_CHARS = 120
MAX_EXTENSION_CHARS = 10
_FORBIDDEN = set('/\\:*?"<>|')
# Names Windows reserves whatever the extension ("CON.pdf" cannot be created there).
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

FILE_COLUMNS = (
    "folder", "application", "state", "city", "country", "flags", "file", "kind", "reference",
    "original_name", "size_bytes", "sha256",
)  # fmt: skip
APPLICATION_COLUMNS = (
    "folder", "application", "state", "city", "country", "population", "missing", "flags",
    "messages",
)  # fmt: skip


def safe_name(name: str | None, fallback: str) -> str:
    """``name`` as a file name that is safe on every system the committee uses; ``fallback`` when
    nothing of it is left."""
    text = unicodedata.normalize("NFC", name or "")
    kept = []
    for ch in text:
        if unicodedata.category(ch).startswith("C"):
            continue  # control, format (bidi overrides), surrogate, private, unassigned
        kept.append("_" if ch in _FORBIDDEN else ch)
    cleaned = " ".join("".join(kept).split()).strip(" .")
    if not cleaned:
        cleaned = fallback
    stem, dot, extension = cleaned.rpartition(".")
    if not dot or not stem or len(extension) > MAX_EXTENSION_CHARS or " " in extension:
        stem, extension = cleaned, ""
    stem = stem[: MAX_NAME_CHARS - len(extension) - 1].rstrip(" .") or fallback
    if stem.split(".")[0].lower() in _RESERVED:
        stem = f"_{stem}"
    return f"{stem}.{extension}" if extension else stem


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3``... (before the extension) so that no two names in
    ``taken`` differ only in letter case; records the one returned."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        stem, extension = name, ""
    candidate, number = name, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{stem}-{number}" + (f".{extension}" if extension else "")
    taken.add(candidate.casefold())
    return candidate


def spreadsheet_text(value: str) -> str:
    """A cell value that a spreadsheet shows as text, never runs as a formula."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    out_dir: Path
    applications: int
    files: int
    manifest: Path


class _Pack:
    """Writes files under one export folder and remembers each for the manifest."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.root = out_dir.resolve()

    def write(self, relative: Path, data: bytes) -> str:
        target = (self.out_dir / relative).resolve()
        # Names are made safe above; this is the last guard that nothing lands outside.
        if not target.is_relative_to(self.root) or target == self.root:
            raise CommandError(f"refusing to write {relative} outside {self.out_dir}")
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)
        return hashlib.sha256(data).hexdigest()


def _flags(snapshot: Snapshot, application: Application) -> str:
    return "; ".join(snapshot.flags(application))


def export_pack(
    snapshot: Snapshot,
    call: CallSettings,
    blobs: BlobStore,
    out_dir: Path,
    *,
    format: str = "csv",
) -> ExportReport:
    """Write the committee pack of every application in ``snapshot`` into ``out_dir`` (which
    must not exist or be empty: a pack is never mixed with an older one)."""
    if format not in FORMATS:
        raise CommandError(f"--format must be one of {', '.join(FORMATS)}, got {format!r}")
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise CommandError(
            f"{out_dir} exists and is not an empty folder; name a new folder for the export"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    pack = _Pack(out_dir)
    labels = {rule.id: rule.label for rule in call.documents}
    files: list[list[str]] = []
    summaries: list[list[str]] = []
    folders: set[str] = {"manifest.csv", "manifest.xlsx", "applications.csv"}
    for number, application in enumerate(snapshot.applications, start=1):
        facts = snapshot.facts.get(application.key)
        city = facts.city if facts and facts.city else ""
        country = facts.country if facts and facts.country else ""
        population = parse_population(facts.population) if facts else None
        folder = unique_name(
            f"{number:03d}-{safe_name(city or application.key, 'application')}", folders
        )
        common = [folder, application.key, application.state.value, city, country]
        flags = _flags(snapshot, application)
        taken: set[str] = {"messages"}
        for role in call.document_ids:
            version = application.current.get(role)
            if version is None:
                continue
            name = unique_name(safe_name(f"{role}-{version.filename or 'unnamed'}", role), taken)
            data = blobs.get(BlobStore.relative_path(version.sha256))
            sha256 = pack.write(Path(folder) / name, data)
            files.append(
                [*common, flags, f"{folder}/{name}", f"document: {labels.get(role, role)}",
                 version.reference, version.filename or "", str(len(data)), sha256]
            )  # fmt: skip
        raw_taken: set[str] = set()
        for message in application.messages:
            if message.raw_path is None:
                continue  # too large to keep: the manifest's messages column still names it
            name = unique_name(safe_name(f"{message.reference}.eml", "message.eml"), raw_taken)
            data = blobs.get(message.raw_path)
            sha256 = pack.write(Path(folder) / "messages" / name, data)
            files.append(
                [*common, flags, f"{folder}/messages/{name}", "message", message.reference,
                 "", str(len(data)), sha256]
            )  # fmt: skip
        summaries.append(
            [*common, "" if population is None else str(population),
             " ".join(application.missing), flags, " ".join(application.references)]
        )  # fmt: skip
    writer = _write_xlsx if format == "xlsx" else _write_csv
    manifest = writer(pack, files, summaries)
    return ExportReport(out_dir, len(snapshot.applications), len(files), manifest)


def _csv_bytes(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([spreadsheet_text(cell) for cell in row] for row in rows)
    # With a BOM, spreadsheet programs read the accents in names right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _write_csv(pack: _Pack, files: list[list[str]], summaries: list[list[str]]) -> Path:
    pack.write(Path("applications.csv"), _csv_bytes(APPLICATION_COLUMNS, summaries))
    pack.write(Path("manifest.csv"), _csv_bytes(FILE_COLUMNS, files))
    return pack.out_dir / "manifest.csv"


def _write_xlsx(pack: _Pack, files: list[list[str]], summaries: list[list[str]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheets: list[tuple[str, Sequence[str], list[list[str]], Callable[[int], bool]]] = [
        ("files", FILE_COLUMNS, files, lambda i: FILE_COLUMNS[i] == "size_bytes"),
        ("applications", APPLICATION_COLUMNS, summaries, lambda i: False),
    ]
    first = True
    for title, columns, rows, numeric in sheets:
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        first = False
        sheet.title = title
        sheet.append(list(columns))
        for row in rows:
            sheet.append(
                [int(c) if numeric(i) and c else spreadsheet_text(c) for i, c in enumerate(row)]
            )
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    pack.write(Path("manifest.xlsx"), buffer.getvalue())
    return pack.out_dir / "manifest.xlsx"
