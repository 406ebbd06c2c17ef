"""A plain `pip install .` (not editable) gives a working `rrr-mailbot demo` and `check`.

The templates and the default call must ship inside the wheel: the installed command runs from a
folder that has no repository around it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).parents[2]


def run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


def test_the_installed_wheel_runs_the_demo_and_check_outside_the_repository(
    tmp_path: Path,
) -> None:
    wheels = tmp_path / "wheels"
    built = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "--wheel-dir", str(wheels), str(REPO)],
        cwd=tmp_path,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("rrr_mailbot-*.whl")

    # A fresh environment that sees the machine's packages (the dependencies) but not the repo.
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    installed = run(
        [str(python), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)], cwd=tmp_path
    )
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = run([str(python), "-c", "import rrr_mailbot; print(rrr_mailbot.__file__)"], elsewhere)
    assert str(env_dir) in where.stdout, where.stdout + where.stderr

    command = env_dir / "bin" / "rrr-mailbot"
    demo = run([str(command), "demo", "--dir", "demo"], cwd=elsewhere)
    assert demo.returncode == 0, demo.stderr
    assert "replies written to" in demo.stdout
    assert len(list((elsewhere / "demo" / "outbox").glob("*.eml"))) == 6

    sample = REPO / "tests" / "data" / "messages"
    eml = sorted(sample.glob("*.eml"))[0]
    check = run([str(command), "check", str(eml), "--json"], cwd=elsewhere)
    assert check.returncode == 0, check.stderr
    assert json.loads(check.stdout)["decision"] in {"accepted", "incomplete", "late", "ignored"}
