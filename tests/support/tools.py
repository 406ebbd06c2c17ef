"""What a test needs from the machine: missing, it skips with the command that installs it, except
under CI (CI=true), where CI's own scripts install everything and a gap is a failure."""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def require(missing: str | None, install: str | None = None) -> None:
    """Skip (or, under CI, fail) when ``missing`` says what the test cannot run without;
    ``install`` is the command that brings it, when ``missing`` does not say it already."""
    if not missing:
        return
    reason = f"{missing}; install with: {install}" if install else missing
    if in_ci():
        pytest.fail(f"{reason} (CI=true: a missing tool fails instead of skipping)", pytrace=False)
    pytest.skip(reason)
