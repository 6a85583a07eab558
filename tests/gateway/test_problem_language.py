"""Problems speak the caller's language: ``detail`` and ``errors[].message`` in kk/ru/en, a
body that is not JSON says where it broke, a 413 states the limit, and an unsigned application
posted as is is told it must be signed and how (issue 20)."""

from __future__ import annotations

import pytest
from litestar import Litestar, get, post
from litestar.params import JSONBody
from litestar.testing import AsyncTestClient

from gateway.applications.submission import SubmissionRequest
from gateway.problem_fields import UNSIGNED_APPLICATION, localized_field_message
from gateway.problem_titles import DETAILS, LANGUAGES, TITLES, Language
from gateway.problems import Problem, problem_details_plugin
from registry.domains import example_application

LIMIT = 4096


@get("/refuse")
async def refuse() -> None:
    raise Problem(409, "conflict", "already decided")


@post("/echo")
async def echo(data: JSONBody[dict[str, int]]) -> dict[str, int]:
    return data


@post("/submit")
async def submit(data: JSONBody[SubmissionRequest]) -> None:
    del data


def _app() -> Litestar:
    return Litestar(
        [refuse, echo, submit], plugins=[problem_details_plugin()], request_max_body_size=LIMIT
    )


def test_every_code_has_a_detail_in_every_language() -> None:
    assert set(DETAILS) == set(TITLES)
    for code, details in DETAILS.items():
        missing = [language for language in LANGUAGES if not details.get(language, "").strip()]
        assert not missing, f"{code}: no detail in {missing}"
        assert len(set(details.values())) == len(LANGUAGES), f"{code}: a detail is untranslated"


@pytest.mark.parametrize("language", ["kk", "ru"])
async def test_detail_and_field_messages_follow_accept_language(language: Language) -> None:
    async with AsyncTestClient(app=_app()) as client:
        refused = await client.get("/refuse", headers={"Accept-Language": language})
        invalid = await client.post("/echo", json={"a": "x"}, headers={"Accept-Language": language})
    assert refused.json()["detail"] == DETAILS["conflict"][language]
    assert invalid.json()["detail"] == DETAILS["validation_error"][language]
    message = invalid.json()["errors"][0]["message"]
    assert message == localized_field_message("Expected `int`, got `str`", language)
    assert "Expected" not in message


async def test_english_keeps_the_raise_sites_detail() -> None:
    async with AsyncTestClient(app=_app()) as client:
        refused = await client.get("/refuse")
    assert refused.json()["detail"] == "already decided"


@pytest.mark.parametrize(
    ("body", "where"),
    [(b'{"cms": "a",\n "xml": tru}', "byte 25"), (b'{"cms": ', "truncated")],
)
async def test_invalid_json_says_where(body: bytes, where: str) -> None:
    async with AsyncTestClient(app=_app()) as client:
        response = await client.post(
            "/submit", content=body, headers={"Content-Type": "application/json"}
        )
        russian = await client.post(
            "/submit",
            content=body,
            headers={"Content-Type": "application/json", "Accept-Language": "ru"},
        )
    assert response.status_code == 400
    problem = response.json()
    assert problem["code"] == "bad_request"
    assert where in problem["detail"]
    assert problem["detail"].startswith("The body is not valid JSON")
    assert russian.json()["detail"].startswith("Тело запроса — некорректный JSON")


async def test_a_too_large_body_states_the_limit() -> None:
    async with AsyncTestClient(app=_app()) as client:
        response = await client.post(
            "/echo", content=b"{" + b" " * (LIMIT * 2) + b"}",
            headers={"Content-Type": "application/json", "Accept-Language": "kk"},
        )  # fmt: skip
    assert response.status_code == 413
    problem = response.json()
    assert problem["limit_bytes"] == LIMIT
    assert str(LIMIT) in problem["detail"]
    assert "байт" in problem["detail"]


@pytest.mark.parametrize("language", LANGUAGES)
async def test_an_unsigned_application_is_told_to_sign_it(language: Language) -> None:
    document = example_application("declarant-certificate", iin="871008401427")
    async with AsyncTestClient(app=_app()) as client:
        response = await client.post(
            "/submit", json=document, headers={"Accept-Language": language}
        )
    assert response.status_code == 400
    problem = response.json()
    assert problem["code"] == "validation_error"
    assert problem["detail"] == UNSIGNED_APPLICATION[language]
    assert problem["errors"] == [
        {"pointer": "", "code": "unsigned_application", "message": UNSIGNED_APPLICATION[language]}
    ]
    assert "qaqpa demo submit" in problem["detail"]


def test_field_messages_keep_unknown_text_and_fill_names() -> None:
    assert localized_field_message("Object missing required field `iin`", "ru") == (
        "Отсутствует обязательное поле `iin`"
    )
    assert localized_field_message("a rule of the form", "kk") == "a rule of the form"


def _form_rule_messages() -> set[str]:
    """The constant messages the form rules pair with a JSON pointer, read from the source."""
    import ast
    from pathlib import Path

    import registry

    root = Path(registry.__path__[0])
    sources = [*root.glob("*/forms.py"), root / "forms" / "envelope.py"]
    messages: set[str] = set()
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Tuple) and len(node.elts) == 2):
                continue
            pointer, message = node.elts
            is_pointer = isinstance(pointer, ast.JoinedStr) or (
                isinstance(pointer, ast.Constant)
                and isinstance(pointer.value, str)
                and pointer.value.startswith("/")
            )
            if is_pointer and isinstance(message, ast.Constant) and isinstance(message.value, str):
                messages.add(message.value)
    return messages


def test_every_form_rule_message_is_translated() -> None:
    messages = _form_rule_messages()
    assert "net mass exceeds gross mass" in messages
    for message in messages:
        for language in ("kk", "ru"):
            assert localized_field_message(message, language) != message, (message, language)


@pytest.mark.parametrize(
    ("message", "russian"),
    [
        ("no attachment named 'invoice.pdf'", "нет вложения «invoice.pdf»"),
        ("there is no goods item 3", "нет товара с номером 3"),
    ],
)
def test_form_rule_messages_keep_their_names(message: str, russian: str) -> None:
    assert localized_field_message(message, "ru") == russian
