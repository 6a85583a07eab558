"""Every error is an RFC 9457 problem document with a stable code, titled in kk/ru/en."""

from __future__ import annotations

import pytest
from litestar import Litestar, get, post
from litestar.params import JSONBody
from litestar.testing import AsyncTestClient

from gateway.problem_titles import DETAILS, TITLES, Language
from gateway.problems import Problem, negotiate_language, problem_details_plugin


async def test_unknown_route_is_a_not_found_problem(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/no/such/route")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == "not_found"
    assert body["type"] == "urn:qaqpa:problem:not_found"
    assert body["status"] == 404
    assert body["instance"] == "/no/such/route"
    assert body["title"] == TITLES["not_found"]["en"]
    assert body["request_id"] == response.headers["x-request-id"]


@pytest.mark.parametrize(
    ("accept_language", "language"),
    [("kk", "kk"), ("ru-RU,ru;q=0.9", "ru"), ("fr, kk;q=0.3, ru;q=0.5", "ru"), ("de", "en")],
)
async def test_problem_title_follows_accept_language(
    client: AsyncTestClient[Litestar], accept_language: str, language: Language
) -> None:
    response = await client.get("/nowhere", headers={"Accept-Language": accept_language})
    assert response.json()["title"] == TITLES["not_found"][language]
    assert response.headers["content-language"] == language


async def test_wrong_method_is_a_method_not_allowed_problem(
    client: AsyncTestClient[Litestar],
) -> None:
    response = await client.post("/health/live")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_every_code_has_all_three_languages() -> None:
    for code, titles in TITLES.items():
        assert set(titles) == {"kk", "ru", "en"}, code
        assert all(title.strip() for title in titles.values()), code


def test_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown problem code"):
        Problem(400, "no_such_code")


@pytest.mark.parametrize(
    ("header", "expected"),
    [(None, "en"), ("", "en"), ("kk-KZ", "kk"), ("en;q=0.1, ru", "ru"), ("ru;q=0, kk;q=bad", "en")],
)
def test_negotiate_language(header: str | None, expected: str) -> None:
    assert negotiate_language(header) == expected


# A small app with the production plugin shows how handler errors become problems.
@get("/boom")
async def boom() -> None:
    raise RuntimeError("secret internals: password=hunter2")


@get("/refuse")
async def refuse() -> None:
    raise Problem(409, "conflict", "already decided", extra={"application_id": "A-1"})


@post("/echo")
async def echo(data: JSONBody[dict[str, int]]) -> dict[str, int]:
    return data


async def test_unexpected_exception_is_an_internal_error_without_details() -> None:
    app = Litestar([boom, refuse, echo], plugins=[problem_details_plugin()])
    async with AsyncTestClient(app=app) as test_client:
        response = await test_client.get("/boom")
    assert response.status_code == 500
    body = response.json()
    assert body["code"] == "internal_error"
    assert "hunter2" not in response.text
    assert "RuntimeError" not in response.text


async def test_problem_carries_its_code_detail_and_extra_members() -> None:
    app = Litestar([boom, refuse, echo], plugins=[problem_details_plugin()])
    async with AsyncTestClient(app=app) as test_client:
        response = await test_client.get("/refuse", headers={"Accept-Language": "kk"})
    assert response.status_code == 409
    body = response.json()
    assert body == {
        "type": "urn:qaqpa:problem:conflict",
        "title": TITLES["conflict"]["kk"],
        "status": 409,
        "code": "conflict",
        "instance": "/refuse",
        "detail": DETAILS["conflict"]["kk"],  # the raise site's English detail is for "en"
        "application_id": "A-1",
    }


async def test_invalid_body_is_a_validation_problem_listing_errors() -> None:
    app = Litestar([boom, refuse, echo], plugins=[problem_details_plugin()])
    async with AsyncTestClient(app=app) as test_client:
        response = await test_client.post("/echo", json={"a": "not a number"})
        too_large = await test_client.post(
            "/echo", content=b"{" + b" " * 11_000_000 + b"}",
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert response.json()["errors"], "the invalid members are listed"
    assert too_large.status_code == 413
    assert too_large.json()["code"] == "payload_too_large"
