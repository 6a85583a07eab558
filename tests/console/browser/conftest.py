"""Real-browser tests: the gateway served by granian, headless Chromium, an NCALayer stand-in.

* :func:`live_gateway` runs ``qaqpa run`` (granian, the production server) in a subprocess on a
  free loopback port, against the session's PostgreSQL, Redis and test PKI, with
  ``QAQPA_NCALAYER_URL`` pointing the console at :func:`ncalayer`.
* :func:`ncalayer` is testkit's NCALayer stand-in: it signs with whichever test PKI certificate
  a test sets in ``ncalayer.label``, as a person would pick a key in the real app's dialog.
* :func:`browser` is Debian's Chromium through chromedriver (Selenium), headless, with a fresh
  profile, at 1280x800. Screenshots go to ``.artifacts/screenshots/`` (gitignored).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver

from registry.settings import Settings
from scripts.stack import free_port
from testkit.ncalayer import NcaLayerStandIn
from testkit.pki.server import BuiltPki

ROOT = Path(__file__).resolve().parents[3]
QAQPA = str(Path(sys.executable).with_name("qaqpa"))
SCREENSHOTS = ROOT / ".artifacts" / "screenshots"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,800",
)


@pytest.fixture(scope="session")
def ncalayer(pki: BuiltPki) -> Iterator[NcaLayerStandIn]:
    with NcaLayerStandIn(pki.directory) as stand_in:
        yield stand_in


def _wait_live(url: str, process: subprocess.Popen[bytes], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the gateway exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/health/live", timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the gateway did not come up")


def gateway_env(settings: Settings, ncalayer: NcaLayerStandIn, **overrides: str) -> dict[str, str]:
    """A console gateway's environment over the session's database and the NCALayer stand-in:
    signers sign with their own keys through it, and the session's TSA stamps them."""
    return {
        **os.environ,
        "QAQPA_ENV": "test",
        "QAQPA_DATABASE_URL": settings.database_url,
        "QAQPA_REDIS_URL": settings.redis_url,
        "QAQPA_TRUST_ANCHORS": settings.trust_anchors,
        "QAQPA_INTERMEDIATES": settings.intermediates,
        "QAQPA_NCALAYER_URL": ncalayer.url,
        "QAQPA_OFFICER_SIGNING": "eds",
        "QAQPA_TSA_URL": settings.tsa_url,
        "QAQPA_CLIENT_RATE_LIMIT": "1000000/minute",
        "QAQPA_AUTH_FAILURE_RATE_LIMIT": "1000000/minute",
        "QAQPA_LOG_LEVEL": "WARNING",
        **overrides,
    }


@contextmanager
def served_gateway(env: dict[str, str]) -> Iterator[str]:
    """The base URL of a real gateway process (granian, one worker) run with ``env``."""
    port = free_port()
    process = subprocess.Popen(
        [QAQPA, "run", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_live(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def live_gateway(settings: Settings, ncalayer: NcaLayerStandIn) -> Iterator[str]:
    """The base URL of a real gateway process serving the session's database."""
    with served_gateway(gateway_env(settings, ncalayer)) as url:
        yield url


def chromium_options() -> tuple[webdriver.ChromeOptions, Callable[[], None]]:
    """Headless Chromium's options with a fresh profile, and what removes the profile."""
    chromium = shutil.which("chromium")
    if chromium is None or shutil.which("chromedriver") is None:
        pytest.fail("chromium and chromedriver are missing: run scripts/bootstrap.sh as root")
    profile = tempfile.mkdtemp(prefix="qaqpa-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return options, lambda: shutil.rmtree(profile, ignore_errors=True)


def chrome(options: webdriver.ChromeOptions) -> WebDriver:
    """Debian's chromedriver, never a downloaded one (Selenium Manager stays unused)."""
    return webdriver.Chrome(
        options=options, service=Service(executable_path=shutil.which("chromedriver"))
    )


@pytest.fixture
def browser() -> Iterator[WebDriver]:
    options, cleanup = chromium_options()
    driver = chrome(options)
    driver.set_window_size(1280, 800)
    try:
        yield driver
    finally:
        driver.quit()
        cleanup()


def screenshot(driver: WebDriver, name: str) -> Path:
    """Save the page as ``.artifacts/screenshots/NAME.png`` (a test artifact, not committed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path
