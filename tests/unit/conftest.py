"""Fixtures shared by the unit tests: the packaged default call, and its reply renderer."""

from __future__ import annotations

import pytest

from rrr_mailbot.config import CallSettings, data_path, default_config_path, load_settings
from rrr_mailbot.replies import ReplyRenderer


@pytest.fixture(scope="session")
def call() -> CallSettings:
    """The RRR 2021 call as shipped, whatever the environment says."""
    return load_settings(default_config_path(), env={}).call


@pytest.fixture(scope="session")
def renderer(call: CallSettings) -> ReplyRenderer:
    return ReplyRenderer(call, data_path("templates"))
