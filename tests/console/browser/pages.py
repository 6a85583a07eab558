"""Driving the console's pages in Chromium as an officer does: log in with EDS, find an
application's row on the worklist, claim it, open its file, decide, and watch a signing area
settle. The browser tests share these steps; what each test asserts stays in the test.
"""

from __future__ import annotations

import uuid
from typing import Literal

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

WAIT = 20


def wait(driver: WebDriver) -> WebDriverWait[WebDriver]:
    # A lookup made while the page is being replaced may hold an element of the old page.
    return WebDriverWait(driver, WAIT, ignored_exceptions=(StaleElementReferenceException,))


def page_ready(driver: WebDriver) -> None:
    """Wait until the page's script has run (it marks ``body[data-ready]``)."""
    wait(driver).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))


def login(driver: WebDriver, base: str) -> None:
    """Open the login page and press the EDS login (NCALayer signs with its ``label``)."""
    driver.get(base + "/officer/login")
    page_ready(driver)
    driver.find_element(By.ID, "eds-login").click()


def logged_in(driver: WebDriver, base: str) -> None:
    login(driver, base)
    wait(driver).until(ready.url_contains("/officer/worklist"))


def log_out(driver: WebDriver) -> None:
    driver.find_element(By.ID, "logout").click()
    wait(driver).until(ready.url_contains("/officer/login"))


def row(driver: WebDriver, application_id: uuid.UUID) -> WebElement:
    """The application's row on the worklist page shown."""
    return wait(driver).until(
        ready.presence_of_element_located(
            (By.CSS_SELECTOR, f'tr[data-application="{application_id}"]')
        )
    )


def claim(driver: WebDriver, application_id: uuid.UUID) -> None:
    """Claim the application's task from its row; done when the row offers no claim."""
    row(driver, application_id).find_element(By.CSS_SELECTOR, "button.claim").click()
    wait(driver).until(
        lambda d: not row(d, application_id).find_elements(By.CSS_SELECTOR, "button.claim")
    )


def open_file(
    driver: WebDriver, base: str, service: str, step: str, application_id: uuid.UUID
) -> None:
    """From the worklist filtered to ``step``: the application's row (claimed if it is not
    yet), then its file."""
    driver.get(f"{base}/officer/worklist?service={service}&step={step}")
    if row(driver, application_id).find_elements(By.CSS_SELECTOR, "button.claim"):
        claim(driver, application_id)
    row(driver, application_id).find_element(By.CSS_SELECTOR, "a.button").click()
    page_ready(driver)


def decide(driver: WebDriver, action: str, *, preview: bool = False) -> None:
    """Choose ``action`` in the file's decision form, optionally preview the draft, submit."""
    wait(driver).until(
        ready.element_to_be_clickable((By.CSS_SELECTOR, f'input[name=action][value="{action}"]'))
    ).click()
    if preview:
        driver.find_element(By.ID, "preview").click()
        frame = wait(driver).until(ready.visibility_of_element_located((By.ID, "draft-frame")))
        assert frame.get_attribute("data-type") == "application/pdf"
    # The form is taken before the click: the page may replace it before a lookup after it.
    form = driver.find_element(By.ID, "decision-form")
    driver.find_element(By.ID, "submit-decision").click()
    wait(driver).until(ready.staleness_of(form))


def _settled(driver: WebDriver, area: str) -> WebElement | Literal[False]:
    box = driver.find_element(By.CSS_SELECTOR, f"{area} .signing-outcome")
    return False if box.get_attribute("data-state") in (None, "busy") else box


def outcome(driver: WebDriver, area: str) -> WebElement:
    """The outcome box of the signing area ``area`` (a CSS selector) once it has settled:
    its ``data-state`` says how (issued, returned, an error)."""
    return wait(driver).until(lambda d: _settled(d, area))


def result_listed_as(driver: WebDriver, result_id: uuid.UUID, status: str) -> None:
    """Wait until the file's result list shows the result with ``status`` (no reload)."""
    listed = f'#results-list li[data-result="{result_id}"]'
    wait(driver).until(
        lambda d: d.find_element(By.CSS_SELECTOR, listed).get_attribute("data-status") == status
    )
