"""The calendar's query parameters in the OpenAPI document admit only what the API accepts.

``make fuzz`` (issue 17) sent ``from=0&term=00`` and ``at=00``, which the document allowed (any
string) and the API answers with 400. The document now states a date-time inside the calendar's
years and a term within its unit's bound; whatever it admits is answered 200.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from gateway.calendar.controller import CalendarController
from gateway.openapi_document import render_openapi
from gateway.problems import problem_details_plugin
from registry.calendar.clock import MAX_YEAR, MIN_YEAR
from registry.calendar.terms import MAX_AMOUNT


@pytest.fixture(scope="module")
async def calendar_client() -> AsyncIterator[AsyncTestClient[Litestar]]:
    app = Litestar([CalendarController], plugins=[problem_details_plugin()])
    async with AsyncTestClient(app=app) as client:
        yield client


def _schema(path: str, name: str) -> dict[str, Any]:
    parameters = json.loads(render_openapi())["paths"][path]["get"]["parameters"]
    found: dict[str, Any] = next(p["schema"] for p in parameters if p["name"] == name)
    return found


def test_moments_are_date_times_inside_the_calendar() -> None:
    for path, name in [("/v1/calendar/due", "from"), ("/v1/calendar/receipt", "at")]:
        schema = _schema(path, name)
        assert schema["format"] == "date-time"
        pattern = re.compile(schema["pattern"])
        assert pattern.search(f"{MIN_YEAR + 1}-01-01T00:00:00+14:00")
        assert not pattern.search(f"{MIN_YEAR}-01-01T00:00:00Z")
        assert not pattern.search(f"{MAX_YEAR}-12-31T23:59:59-12:00")
        assert not pattern.search("00")


def test_the_term_pattern_stops_at_each_units_bound() -> None:
    pattern = re.compile(_schema("/v1/calendar/due", "term")["pattern"])
    assert not pattern.search("00")
    for unit, amount in MAX_AMOUNT.items():
        assert pattern.search(f"0 {unit.value}")
        assert pattern.search(f"{amount} {unit.value}")
        assert not pattern.search(f"{amount + 1} {unit.value}")


@pytest.mark.parametrize(
    "moment", [f"{MIN_YEAR + 1}-01-01T00:00:00+14:00", f"{MAX_YEAR - 1}-12-31T23:59:59-12:00"]
)
async def test_what_the_document_admits_is_accepted(
    calendar_client: AsyncTestClient[Litestar], moment: str
) -> None:
    for unit, amount in MAX_AMOUNT.items():
        response = await calendar_client.get(
            "/v1/calendar/due", params={"from": moment, "term": f"{amount} {unit.value}"}
        )
        assert response.status_code == 200, response.text
    response = await calendar_client.get("/v1/calendar/receipt", params={"at": moment})
    assert response.status_code == 200, response.text
