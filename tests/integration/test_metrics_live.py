"""The Prometheus endpoint, scraped while the service runs against Dovecot, Postfix, PostgreSQL."""

from __future__ import annotations

import math
import time
import urllib.request

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.integration.servers import pick_free_ports
from tests.integration.service_helpers import (
    AFTER_DEADLINE,
    ServiceStack,
    all_answered,
    append_all,
    sample_application,
    wait_until,
)


def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of /metrics: (name, sorted labels) -> value."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        assert response.status == 200
        text = response.read().decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


@pytest.mark.integration
def test_metrics_follow_an_end_to_end_run(stack: ServiceStack) -> None:
    servers, call = stack.servers, stack.call()
    applications = [
        sample_application(servers, call, name)
        for name in ("complete", "missing letter", "auto-reply")
    ]
    applications.append(
        sample_application(servers, call, "complete", arrival=AFTER_DEADLINE, expected="late")
    )
    append_all(servers, stack.mailbox, applications)
    servers.wait_for_messages(stack.mailbox.address, len(applications))
    (port,) = pick_free_ports(1)
    config = stack.write_config(service={"delivery_interval_s": 1, "metrics_port": port})

    with stack.start(config) as service:
        service.wait_for_log(r"metrics at http://127\.0\.0\.1:\d+/metrics", timeout_s=30)
        wait_until("a reply for every applicant", lambda: all_answered(servers, applications), 60,
                   service)  # fmt: skip

        def sent_three() -> bool:
            return scrape(port)[("rrr_mailbot_replies_total", (("result", "sent"),))] == 3

        wait_until("the metrics to count the replies", sent_three, 20, service)
        metrics = scrape(port)
        code, _ = service.stop()
    assert code == 0, service.tail()

    def value(name: str, **labels: str) -> float:
        return metrics[(name, tuple(sorted(labels.items())))]

    for decision in ("accepted", "incomplete", "late", "ignored"):
        assert value("rrr_mailbot_messages_total", decision=decision) == 1, decision
    assert value("rrr_mailbot_message_processing_seconds_count") == 4
    assert 0 < value("rrr_mailbot_message_processing_seconds_sum") < 30
    assert value("rrr_mailbot_replies_total", result="failed") == 0
    assert value("rrr_mailbot_replies_total", result="retried") == 0
    assert value("rrr_mailbot_outbox_replies", status="sent") == 3
    assert value("rrr_mailbot_backlog_replies") == 0
    since = value("rrr_mailbot_seconds_since_last_successful_poll")
    assert not math.isnan(since) and 0 <= since < 60
    assert abs(value("rrr_mailbot_last_successful_poll_timestamp_seconds") - time.time()) < 60
