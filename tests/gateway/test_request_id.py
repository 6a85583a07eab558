"""The request id: honoured from X-Request-ID when sane, generated otherwise, always echoed."""

from __future__ import annotations

import logging
import re

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient


async def test_given_request_id_is_echoed(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/health/live", headers={"X-Request-ID": "portal-42.abc"})
    assert response.headers["x-request-id"] == "portal-42.abc"


async def test_missing_request_id_is_generated(client: AsyncTestClient[Litestar]) -> None:
    first = (await client.get("/health/live")).headers["x-request-id"]
    second = (await client.get("/health/live")).headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


@pytest.mark.parametrize("bad", ["a" * 200, "has space", "semi;colon", "<script>"])
async def test_unsafe_request_id_is_replaced(client: AsyncTestClient[Litestar], bad: str) -> None:
    echoed = (await client.get("/health/live", headers={"X-Request-ID": bad})).headers[
        "x-request-id"
    ]
    assert echoed != bad
    assert re.fullmatch(r"[0-9a-f]{32}", echoed)


async def test_access_log_line_carries_the_request_id(
    client: AsyncTestClient[Litestar], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="qaqpa.access"):
        await client.get("/health/live", headers={"X-Request-ID": "trace-7"})
    events = [r.msg for r in caplog.records if isinstance(r.msg, dict)]
    lines = [e for e in events if e.get("event") == "request" and e.get("request_id") == "trace-7"]
    assert len(lines) == 1
    assert lines[0]["status"] == 200
    assert lines[0]["path"] == "/health/live"


async def test_access_log_records_the_route_template_not_the_iin(
    client: AsyncTestClient[Litestar], caplog: pytest.LogCaptureFixture
) -> None:
    iin = "871008401427"
    with caplog.at_level(logging.INFO):
        await client.get(f"/v1/customs/accounts/{iin}", headers={"X-Request-ID": "iin-path"})
        await client.get(f"/no/such/route/{iin}", headers={"X-Request-ID": "iin-404"})
    server = [r for r in caplog.records if not r.name.startswith("httpx")]  # the test client's
    assert server
    assert not [r for r in server if iin in str(r.msg) or iin in r.getMessage()]
    events = [r.msg for r in caplog.records if isinstance(r.msg, dict)]
    by_id = {e.get("request_id"): e for e in events if e.get("event") == "request"}
    assert by_id["iin-path"]["path"].startswith("/v1/customs/accounts/{")
    assert by_id["iin-path"]["path"].endswith("}")
    assert by_id["iin-404"]["path"] is None  # no route matched: nothing of the path is logged
