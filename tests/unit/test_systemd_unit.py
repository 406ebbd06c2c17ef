"""config/systemd/rrr-mailbot.service, the example unit for VMs, as systemd itself reads it."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
from pathlib import Path

from tests.support.tools import require

REPO = Path(__file__).resolve().parents[2]
UNIT = REPO / "config" / "systemd" / "rrr-mailbot.service"
INSTALLED = "/opt/rrr-mailbot/bin/rrr-mailbot"  # where the unit expects the venv's command


def unit_sections() -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(strict=False, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(UNIT.read_text(encoding="utf-8"))
    return parser


def verify(unit_text: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """`systemd-analyze verify` on the unit, with the command pointed at this machine's."""
    tool = shutil.which("systemd-analyze")
    if tool is None:
        require(
            "systemd-analyze is not installed here", "sudo .ci/install-packages.sh tests systemd"
        )
    command = shutil.which("rrr-mailbot")
    assert command, "rrr-mailbot is not installed (python3 -m pip install -e .)"
    path = folder / UNIT.name
    path.write_text(unit_text.replace(INSTALLED, command), encoding="utf-8")
    return subprocess.run(
        [tool, "verify", "--man=no", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_systemd_accepts_the_unit_without_a_word(tmp_path: Path) -> None:
    result = verify(UNIT.read_text(encoding="utf-8"), tmp_path)
    # Unknown keys are only warned about (exit 0), so any output at all is a failure.
    assert result.returncode == 0 and not result.stdout + result.stderr, result


def test_the_check_notices_a_broken_unit(tmp_path: Path) -> None:
    text = UNIT.read_text(encoding="utf-8")
    misspelt = verify(text.replace("\nType=exec", "\nTyp=exec"), tmp_path)
    assert "Unknown key" in misspelt.stderr
    doubled = verify(text.replace("\nExecStart=", "\nExecStart=/bin/true\nExecStart="), tmp_path)
    assert doubled.returncode != 0


def test_the_unit_runs_the_documented_commands_with_their_settings() -> None:
    service = unit_sections()["Service"]
    assert shlex.split(service["ExecStartPre"]) == [INSTALLED, "db", "upgrade"]
    assert shlex.split(service["ExecStart"]) == [INSTALLED, "run"]
    assert service["Environment"] == "RRR_MAILBOT_CONFIG=/etc/rrr-mailbot/production.toml"
    assert service["KillSignal"] == "SIGTERM" and int(service["TimeoutStopSec"]) >= 80
    assert service["User"] != "root" and service["NoNewPrivileges"] == "yes"
