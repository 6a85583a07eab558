"""Inputs schemathesis found to cause 500s (issue 17): each is a 4xx problem now.

Task ids outside PostgreSQL's bigint, a NUL byte in query filters and path parameters, and
``\\u0000`` in JSON strings that reach text columns.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.workflow.conftest import MakeOfficer

Client = AsyncTestClient[Litestar]
TOO_BIG = "9223372036854775808"  # 2**63: one past bigint


def assert_refused(response: Any, *statuses: int) -> None:
    assert response.status_code in statuses, response.text
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", f"/v1/officer/tasks/{TOO_BIG}", None),
        ("GET", "/v1/officer/tasks/-9223372036854775809", None),
        ("POST", f"/v1/officer/tasks/{TOO_BIG}/claim", None),
        ("POST", f"/v1/officer/tasks/{TOO_BIG}/assign", {"officer_id": "x"}),
        ("POST", f"/v1/officer/tasks/{TOO_BIG}/decisions", {"action": "x"}),
    ],
)
async def test_task_ids_outside_64_bits_are_not_found(
    client: Client, make_officer: MakeOfficer, method: str, path: str, body: Any
) -> None:
    head = await make_officer("head")
    response = await client.request(method, path, json=body, headers=head.headers)
    assert_refused(response, 400, 404, 422)


async def test_a_nul_in_query_filters_is_a_validation_error(
    client: Client,
    make_officer: MakeOfficer,
    make_partner: Callable[..., Awaitable[Any]],
) -> None:
    partner = await make_partner()
    head = await make_officer("head")
    cases = [
        ("GET", "/v1/applications?status=%00", partner.headers),
        ("GET", "/v1/applications?service=%00", partner.headers),
        ("GET", "/v1/officer/tasks?service=%00", head.headers),
        ("GET", "/v1/exam-sessions?revenue_body=%00", {}),
        ("POST", "/v1/admin/risk-rules/%00/disable", head.headers),
    ]
    for method, path, headers in cases:
        response = await client.request(method, path, headers=headers)
        assert_refused(response, 400)
        assert response.json()["code"] == "validation_error", path


async def test_a_nul_in_json_strings_is_a_validation_error(
    client: Client, make_officer: MakeOfficer
) -> None:
    head, unit_head = await make_officer("head"), await make_officer("unit_head")
    starts = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    exam = {
        "revenue_body": "ДГД\u0000", "address": "Астана", "starts_at": starts,
        "capacity": 3, "answer_key": ["A\u0000"],
    }  # fmt: skip
    response = await client.post("/v1/officer/exam-sessions", json=exam, headers=unit_head.headers)
    assert_refused(response, 400)
    rule = {
        "code": "T-NUL", "kind": "origin_country", "value": "TR", "corridor": "yellow",
        "forms_of_control": ["documentary_control"], "description": "nul\u0000",
    }  # fmt: skip
    response = await client.post("/v1/admin/risk-rules", json=rule, headers=head.headers)
    assert_refused(response, 400)
