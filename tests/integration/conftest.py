"""Fixtures for tests against real servers: one Dovecot + Postfix pair per session, a fresh mailbox
per test.

Without the packages (or without root) the tests that need the servers skip with a hint on how to
install them; under CI (``CI=true``) they fail instead, so a broken CI image cannot pass unnoticed.
Set ``RRR_TEST_KEEP_MAIL_SERVERS=1`` to keep the servers' folder (configs, logs, maildirs) after
the session.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.integration.servers import (
    MailServers,
    MailUser,
    ServerError,
    missing_requirements,
    require_or_skip,
)
from tests.integration.service_helpers import ServiceStack
from tests.support import pg_cluster
from tests.support.pg_cluster import PrivateCluster
from tests.support.postgres import fresh_database
from tests.support.tools import require

_started: list[MailServers] = []


@pytest.fixture(scope="session")
def mail_servers() -> Iterator[MailServers]:
    """Dovecot and Postfix on free loopback ports for the whole session."""
    require_or_skip(missing_requirements())
    root = Path(tempfile.mkdtemp(prefix="rrr-mail-servers-"))
    try:
        servers = MailServers.start(root)
    except ServerError as exc:
        pytest.fail(
            f"the test mail servers did not start (files kept in {root}): {exc}", pytrace=False
        )
    _started.append(servers)
    yield servers
    servers.stop()
    if os.environ.get("RRR_TEST_KEEP_MAIL_SERVERS") != "1":
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def make_mail_user(mail_servers: MailServers) -> Callable[..., MailUser]:
    """Factory for fresh mailboxes: ``make_mail_user(prefix="staff", domain="rrr.test")``."""
    mail_servers.ensure_running()

    def make(prefix: str = "user", domain: str | None = None) -> MailUser:
        return mail_servers.new_user(prefix, domain)

    return make


@pytest.fixture
def mail_user(make_mail_user: Callable[..., MailUser]) -> MailUser:
    """A fresh, empty mailbox on the test Dovecot (a server a test left stopped is restarted)."""
    return make_mail_user("applicant")


@pytest.fixture(scope="module")
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh PostgreSQL database for the live-service tests of one module, dropped after it."""
    with fresh_database("rrr_" + request.module.__name__.rpartition(".")[2]) as url:
        yield url


@pytest.fixture
def stack(mail_servers: MailServers, database_url: str, tmp_path: Path) -> Iterator[ServiceStack]:
    """The service's settings, environment and process helpers, wired to the test servers."""
    yield ServiceStack.create(mail_servers, database_url, tmp_path / "work")
    # A failed test must not leave a server down or an address refused for the next one.
    mail_servers.ensure_running()
    mail_servers.clear_postfix_rejects()


@pytest.fixture(scope="module")
def private_postgres() -> Iterator[PrivateCluster]:
    """A PostgreSQL server of the module's own, for tests that stop and restart the database
    (the machine's shared one stays up for everyone else)."""
    require(pg_cluster.missing_requirements(), PrivateCluster.install_hint)
    with PrivateCluster.running() as cluster:
        yield cluster


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for servers in _started:
        terminalreporter.write_line(
            f"test mail servers (Dovecot + Postfix) started in {servers.startup_s or 0:.2f} s"
        )
