"""/docs and /docs/swagger in Chromium: they render, and every request they make stays on the
gateway (Chromium's own network log, not the HTML, is the witness)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from tests.console.browser.conftest import chrome, chromium_options, screenshot


@pytest.fixture
def logging_browser() -> Iterator[WebDriver]:
    options, cleanup = chromium_options()
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = chrome(options)
    try:
        yield driver
    finally:
        driver.quit()
        cleanup()


def _requested(driver: WebDriver) -> set[str]:
    """Every URL the page asked for (from Chromium's performance log)."""
    urls = set()
    for entry in driver.get_log("performance"):  # type: ignore[attr-defined]
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if url.startswith(("http://", "https://", "ws://", "wss://")):
                urls.add(url)
    return urls


@pytest.mark.parametrize(
    ("page", "rendered"),
    [
        ("/docs", ".scalar-app, .references-layout, #api-reference"),
        ("/docs/swagger", ".swagger-ui .info"),
    ],
)
def test_the_docs_render_offline(
    logging_browser: WebDriver, live_gateway: str, page: str, rendered: str
) -> None:
    logging_browser.get(live_gateway + page)
    WebDriverWait(logging_browser, 30).until(
        lambda d: (
            d.find_elements(By.CSS_SELECTOR, rendered)
            and "Qaqpa" in d.find_element(By.TAG_NAME, "body").text
        )
    )
    screenshot(logging_browser, "docs" + page.replace("/", "-"))
    outside = {url for url in _requested(logging_browser) if urlsplit(url).hostname != "127.0.0.1"}
    assert outside == set()
