"""ServiceMetrics on its own: series present from the start, a busy port refused clearly."""

from __future__ import annotations

import math
import socket

import pytest

from rrr_mailbot.delivery import DeliveryReport
from rrr_mailbot.errors import ConfigError
from rrr_mailbot.metrics import ServiceMetrics


def value(metrics: ServiceMetrics, name: str, **labels: str) -> float:
    found = metrics.registry.get_sample_value(name, labels)
    assert found is not None, (name, labels)
    return found


def test_series_exist_before_anything_happens_and_follow_the_passes() -> None:
    now = [1000.0]
    metrics = ServiceMetrics(clock=lambda: now[0])
    assert value(metrics, "rrr_mailbot_messages_total", decision="late") == 0
    assert math.isnan(value(metrics, "rrr_mailbot_seconds_since_last_successful_poll"))
    metrics.intake_pass_done()
    now[0] += 42
    assert value(metrics, "rrr_mailbot_seconds_since_last_successful_poll") == 42
    metrics.delivery_pass_done(
        DeliveryReport(sent=2, retried=1, failed=0), {"pending": 1, "sending": 1, "sent": 2}
    )
    metrics.delivery_pass_done(DeliveryReport(sent=1, retried=0, failed=1), {"sent": 3})
    assert value(metrics, "rrr_mailbot_replies_total", result="sent") == 3
    assert value(metrics, "rrr_mailbot_replies_total", result="failed") == 1
    assert value(metrics, "rrr_mailbot_outbox_replies", status="pending") == 0  # gone: zero
    assert value(metrics, "rrr_mailbot_backlog_replies") == 0


def test_a_busy_port_is_a_config_error_naming_the_keys() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ConfigError, match=r"metrics_address and metrics_port"):
            ServiceMetrics().serve("127.0.0.1", port)
