"""Hostile JSON gets a 400 validation problem, never a 500 (nor a traceback with data in it).

Deep nesting: Litestar decodes every JSON body with msgspec, which raises RecursionError past
the interpreter's limit, on any route; the signed application document is decoded again by
``decode_application``. NUL: the field types refuse it; what an untyped field lets through,
PostgreSQL refuses, and that too is a 400. The engine never puts parameters in its errors.
"""

from __future__ import annotations

import json
import logging
import traceback
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from litestar import Litestar, post
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.problems import problem_details_plugin
from registry.db import create_engine
from testkit.pki.server import BuiltPki
from tests.applications.signed import INDIVIDUAL_IIN, detached, document_for
from tests.applications.stored import applications_of
from tests.conftest import PartnerKey

Client = AsyncTestClient[Litestar]
MakePartner = Callable[..., Awaitable[PartnerKey]]
DEPTH = 6000


def _deep(depth: int = DEPTH) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.mark.parametrize(
    "path", ["/v1/applications", f"/v1/applications/{uuid.uuid4()}/complaints"]
)
async def test_a_deeply_nested_body_is_a_validation_problem(
    client: Client, make_partner: MakePartner, path: str
) -> None:
    partner = await make_partner()
    body = b'{"document": ' + _deep() + b"}"
    response = await client.post(
        path, content=body, headers={**partner.headers, "Content-Type": "application/json"}
    )
    assert response.status_code == 400, response.text
    problem = response.json()
    assert problem["code"] == "validation_error"
    assert [error["code"] for error in problem["errors"]] == ["nested_too_deeply"]


async def test_a_deeply_nested_signed_document_is_a_validation_problem(
    client: Client,
    pki: BuiltPki,
    make_partner: MakePartner,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    partner = await make_partner()
    document = (
        b'{"service": "declarant-certificate", "applicant": {"iin": "' + INDIVIDUAL_IIN.encode()
        + b'", "name": "A", "contacts": {"email": "a@example.kz"}}, "form": ' + _deep() + b"}"
    )  # fmt: skip
    response = await client.post(
        "/v1/applications",
        json=detached(pki, "individual-sign", document),
        headers=partner.headers,
    )
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "validation_error"
    assert await applications_of(sessions, partner.id) == 0


@pytest.mark.parametrize("where", ["applicant", "candidate"])
async def test_a_nul_in_a_name_is_refused_and_nothing_is_stored(
    client: Client,
    pki: BuiltPki,
    make_partner: MakePartner,
    sessions: async_sessionmaker[AsyncSession],
    where: str,
) -> None:
    partner = await make_partner()
    document: dict[str, Any] = json.loads(document_for())
    if where == "applicant":
        document["applicant"]["name"] = "Сейітқазиева\x00Әйгерім"
        pointer = "/applicant/name"
    else:
        document["form"]["candidate"]["surname"] = "Сейіт\x00қазиева"
        pointer = "/form/candidate/surname"
    signed = detached(pki, "individual-sign", json.dumps(document).encode())
    response = await client.post("/v1/applications", json=signed, headers=partner.headers)
    assert response.status_code == 400, response.text
    problem = response.json()
    assert problem["code"] == "validation_error"
    assert [error["pointer"] for error in problem["errors"]] == [pointer]
    assert await applications_of(sessions, partner.id) == 0


async def _failing(
    sessions: async_sessionmaker[AsyncSession], statement: str, value: str
) -> DBAPIError:
    """The error of a real statement that PostgreSQL refuses, run on the project's engine."""
    async with sessions() as session:
        with pytest.raises(DBAPIError) as caught:
            await session.execute(text(statement), {"value": value})
    return caught.value


async def test_a_database_error_never_carries_the_parameters(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # PostgreSQL does not echo the value here: only SQLAlchemy's "[parameters: ...]" could.
    secret = f"{INDIVIDUAL_IIN} Сейітқазиева"
    error = await _failing(sessions, "SELECT 1 / 0 WHERE CAST(:value AS text) <> ''", secret)
    rendered = "".join(traceback.format_exception(error))
    assert "division by zero" in rendered
    assert INDIVIDUAL_IIN not in rendered
    assert "Сейітқазиева" not in rendered


async def test_the_error_log_of_a_failed_statement_names_no_value(
    pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    # PostgreSQL's own message may quote the value ("invalid input syntax ... "): the log line
    # keeps the statement, the SQLSTATE and the stack, not the messages.
    secret = f"{INDIVIDUAL_IIN}x"

    @post("/store")
    async def store() -> None:
        engine = create_engine(pg_url, pool_size=1)
        try:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT CAST(:value AS integer)"), {"value": secret})
        finally:
            await engine.dispose()

    # logging_config=None: Litestar's default would replace the handlers caplog listens with.
    app = Litestar([store], plugins=[problem_details_plugin()], logging_config=None)
    with caplog.at_level(logging.INFO, logger="gateway.problems"):
        async with AsyncTestClient(app=app) as small:
            response = await small.post("/store")
    assert response.status_code == 500
    logged = "\n".join(str(record.msg) for record in caplog.records)
    assert "database_error" in logged
    assert INDIVIDUAL_IIN not in logged


@pytest.mark.parametrize(
    ("statement", "value", "status"),
    [
        ("SELECT CAST(:value AS text)", "A\x00B", 400),  # NUL in text: 22021
        ("SELECT CAST(:value AS jsonb)", '{"name": "A\\u0000B"}', 400),  # \u0000 in JSON: 22P05
        ("SELECT CAST(:value AS integer)", "x", 500),  # any other database error stays a 500
    ],
)
async def test_text_the_database_cannot_store_is_a_validation_problem(
    pg_url: str, statement: str, value: str, status: int
) -> None:
    # The net under the field types (e.g. a decision's untyped ``data``): a 400, not a 500.
    @post("/store")
    async def store() -> None:
        engine = create_engine(pg_url, pool_size=1)
        try:
            async with engine.connect() as connection:
                await connection.execute(text(statement), {"value": value})
        finally:
            await engine.dispose()

    app = Litestar([store], plugins=[problem_details_plugin()])
    async with AsyncTestClient(app=app) as small:
        response = await small.post("/store")
    assert response.status_code == status
    assert response.json()["code"] == ("validation_error" if status == 400 else "internal_error")
