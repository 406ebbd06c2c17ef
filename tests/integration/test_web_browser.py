"""The staff web view in a real browser: Debian's chromium, headless, driven by selenium through
chromium-driver, against `rrr-mailbot web`'s app served by uvicorn on loopback over a ledger
filled by a `run --once` pass.

Logs in, filters the applications, opens one, downloads a document (and checks its SHA-256 with
the one the page shows), opens the hostile sender's application (no script may run), and keeps a
screenshot of each page in the test's tmp folder. Without chromium it skips with the install
command; under CI=true it fails.
"""

from __future__ import annotations

import hashlib
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from rrr_mailbot.app import open_settings_ledger, utc_now
from rrr_mailbot.config import load_settings
from rrr_mailbot.web.app import create_app
from tests.integration.servers import require_or_skip
from tests.support.staff_site import PASSWORD, SECRET, USER, build_staff_ledger

pytestmark = pytest.mark.integration

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    staff_ledger = build_staff_ledger(tmp_path / "site", secure_cookies="false")
    settings = load_settings(staff_ledger.config)
    ledger = open_settings_ledger(settings, migrate=False)
    app = create_app(settings, ledger, secret=SECRET, clock=utc_now)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start within 10 s"
    try:
        yield f"http://127.0.0.1:{port}", staff_ledger.references
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        ledger.close()


@pytest.fixture
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    require_or_skip(
        None
        if CHROMIUM and DRIVER
        else "chromium and chromium-driver are not installed: sudo .ci/install-browser.sh "
        "(apt-get install chromium chromium-driver)"
    )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    # The driver is given by path: Selenium Manager must not look for (or download) another.
    monkeypatch.setenv("SE_OFFLINE", "true")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1280,1000",
    ):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
    driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    try:
        yield driver
    finally:
        driver.quit()


def _no_alert(driver: Any) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018


def test_staff_log_in_filter_open_download(
    browser: Any, site: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as until
    from selenium.webdriver.support.ui import Select, WebDriverWait

    base, references = site
    driver = browser
    shots = tmp_path / "screenshots"
    shots.mkdir()

    def shot(name: str) -> None:
        assert driver.save_screenshot(str(shots / f"{name}.png"))

    def wait_for_url(part: str) -> None:
        # A click starts a navigation; the next page is there once the address changed.
        WebDriverWait(driver, 10).until(until.url_contains(part))

    def find(by: str, value: str) -> Any:
        return driver.find_element(by, value)

    started = time.monotonic()
    driver.get(f"{base}/applications")
    assert driver.current_url == f"{base}/login"
    shot("login")
    find(By.ID, "user").send_keys(USER)
    find(By.ID, "password").send_keys(PASSWORD)
    find(By.ID, "login").click()
    WebDriverWait(driver, 10).until(until.url_to_be(f"{base}/"))
    assert "Overview" in driver.page_source
    chart = find(By.CSS_SELECTOR, "img.chart")
    assert driver.execute_script("return arguments[0].naturalWidth", chart) > 0, (
        "the chart image loaded under the CSP"
    )
    shot("overview")

    find(By.LINK_TEXT, "Applications").click()
    wait_for_url("/applications")
    Select(find(By.ID, "state")).select_by_value("incomplete")
    find(By.ID, "q").send_keys("porto.example")
    find(By.ID, "apply").click()
    wait_for_url("state=incomplete")
    assert find(By.ID, "matched").text.startswith("1 of 7")
    shot("applications-filtered")

    find(By.LINK_TEXT, "international@porto.example").click()
    wait_for_url(references["missing letter"])
    shot("application")
    link = find(By.CSS_SELECTOR, "a.document")
    assert link.text == "Application form Porto.docx"
    shown_sha = link.get_attribute("href").rsplit("/", 1)[1]
    assert shown_sha in driver.page_source
    link.click()
    target = tmp_path / "downloads" / "Application form Porto.docx"
    deadline = time.monotonic() + 10
    while not target.is_file() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert target.is_file(), f"no download in {target.parent}: {list(target.parent.iterdir())}"
    assert hashlib.sha256(target.read_bytes()).hexdigest() == shown_sha

    driver.get(f"{base}/applications/{references['hostile']}")
    assert "<script>alert('subject')</script>" in find(By.CLASS_NAME, "subject").text
    _no_alert(driver)
    shot("application-hostile")
    for name in ("failed", "quarantine"):
        driver.get(f"{base}/{name}")
        shot(name)
    assert time.monotonic() - started < 30
