"""``/v1/calendar``: the CLI's contract over HTTP, and problem documents for bad input.

The controller is mounted on a small app with the gateway's problem-details plugin, so these
tests need neither the database nor the full app.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from gateway.calendar.controller import CalendarController
from gateway.problems import problem_details_plugin


@pytest.fixture(scope="module")
async def calendar_client() -> AsyncIterator[AsyncTestClient[Litestar]]:
    app = Litestar([CalendarController], plugins=[problem_details_plugin()])
    async with AsyncTestClient(app=app) as client:
        yield client


async def test_due(calendar_client: AsyncTestClient[Litestar]) -> None:
    response = await calendar_client.get(
        "/v1/calendar/due", params={"from": "2025-02-10T12:00:00+05:00", "term": "2 working-hours"}
    )
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["from", "term", "due", "reasons"]
    assert body["due"] == "2025-02-10T15:30:00+05:00"  # docs/SERVICES.md's example (rule 3)


async def test_receipt_converts_the_offset(calendar_client: AsyncTestClient[Litestar]) -> None:
    # 13:30Z is 18:30 in UTC+5 on Friday 16 Feb 2024: after 17:00 -> Monday 09:00.
    response = await calendar_client.get("/v1/calendar/receipt", params={"at": "2024-02-16T13:30Z"})
    assert response.status_code == 200
    body = response.json()
    assert body["received_at"] == "2024-02-16T18:30:00+05:00"
    assert body["counts_from"] == "2024-02-19T09:00:00+05:00"


async def test_days(calendar_client: AsyncTestClient[Litestar]) -> None:
    response = await calendar_client.get("/v1/calendar/days", params={"year": 2026})
    assert response.status_code == 200
    kinds = {day["date"]: day["kind"] for day in response.json()["days"]}
    assert kinds["2026-03-24"] == "holiday_carried_over"
    assert kinds["2026-05-27"] == "holiday"  # Kurban Ait


@pytest.mark.parametrize(
    ("path", "params", "code"),
    [
        ("/v1/calendar/due", {"from": "2025-02-10T12:00", "term": "2 hours"}, "invalid_term"),
        ("/v1/calendar/due", {"from": "noon", "term": "2 working-hours"}, "invalid_time"),
        ("/v1/calendar/receipt", {"at": "2025-02-30T10:00"}, "invalid_time"),
    ],
)
async def test_bad_input_is_a_problem_with_a_stable_code(
    calendar_client: AsyncTestClient[Litestar], path: str, params: dict[str, str], code: str
) -> None:
    response = await calendar_client.get(path, params=params)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == "validation_error"
    assert [error["code"] for error in body["errors"]] == [code]


@pytest.mark.parametrize(
    ("language", "term", "bound"),
    [
        ("en", "1200000 working-minutes", "at most 4800 working minutes (4800 working-minutes)"),
        ("ru", "81 working-hours", "не может превышать 80 рабочих часов (80 working-hours)"),
        ("kk", "61 working-days", "60 жұмыс күнінен аспауы тиіс (60 working-days)"),
        ("en", "367 calendar-days", "at most 366 calendar days (366 calendar-days)"),
    ],
)
async def test_a_term_over_its_ceiling_is_a_problem_stating_the_ceiling(
    calendar_client: AsyncTestClient[Litestar], language: str, term: str, bound: str
) -> None:
    response = await calendar_client.get(
        "/v1/calendar/due",
        params={"from": "2025-02-10T12:00", "term": term},
        headers={"Accept-Language": language},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error"
    assert response.headers["content-language"] == language
    assert bound in body["detail"]
    [error] = body["errors"]
    assert error["code"] == "invalid_term"
    assert error["maximum"] == bound.rsplit("(", 1)[1].rstrip(")")


async def test_the_ceiling_itself_is_accepted(calendar_client: AsyncTestClient[Litestar]) -> None:
    response = await calendar_client.get(
        "/v1/calendar/due", params={"from": "2100-12-31T12:00", "term": "60 working-days"}
    )
    assert response.status_code == 200
    assert response.json()["due"].startswith("2101-")


async def test_missing_parameter_is_a_problem(calendar_client: AsyncTestClient[Litestar]) -> None:
    response = await calendar_client.get("/v1/calendar/due", params={"term": "2 working-days"})
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
