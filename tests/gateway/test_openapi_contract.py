"""The OpenAPI document is a contract: it lists the answers the API gives (issue 17, `make fuzz`).

Each test here is one disagreement schemathesis found between the document and the API.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from gateway.openapi_document import render_openapi

ERROR = "application/problem+json"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(render_openapi())
    return loaded


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


def test_every_error_response_is_a_problem_document(document: dict[str, Any]) -> None:
    # Litestar documented 400 as `application/json` {status_code, detail, extra}; the API sends
    # RFC 9457 problems, so response-schema checks never ran on errors.
    wrong = [
        f"{method} {path} {status}"
        for method, path, operation in _operations(document)
        for status, response in operation["responses"].items()
        if int(status) >= 400 and set(response.get("content") or {}) != {ERROR}
    ]
    assert wrong == []


def test_every_operation_lists_the_problems_it_can_answer(document: dict[str, Any]) -> None:
    missing = []
    for method, path, operation in _operations(document):
        listed = set(operation["responses"])
        expected = {"400"}
        if operation.get("security"):
            expected |= {"401", "403"}
        if "{" in path:
            expected.add("404")
        if method != "GET":
            expected |= {"409", "422"}
        if not path.startswith("/health/"):
            expected |= {"429", "503"}
        if expected - listed:
            missing.append(f"{method} {path}: {sorted(expected - listed)}")
    assert missing == []


def test_status_routes_say_they_need_a_status_token(document: dict[str, Any]) -> None:
    # Without it the document promised 200 to anyone; the API answers 401.
    assert document["components"]["securitySchemes"]["statusToken"]["bearerFormat"] == "qt_…"
    status_routes = [
        operation
        for method, path, operation in _operations(document)
        if path.startswith("/v1/status/")
    ]
    assert len(status_routes) == 4
    assert all(operation.get("security") == [{"statusToken": []}] for operation in status_routes)


@pytest.mark.parametrize(
    "schema", ["WebhookRequest", "ComplaintRequest", "EdsLogin", "TopUpRequest", "NewRule"]
)
def test_bodies_that_refuse_unknown_fields_are_closed(
    document: dict[str, Any], schema: str
) -> None:
    # The API answers an unknown member with 400; the document must not allow it.
    assert document["components"]["schemas"][schema]["additionalProperties"] is False


def test_metrics_are_documented_as_prometheus_text(document: dict[str, Any]) -> None:
    content = document["paths"]["/metrics"]["get"]["responses"]["200"]["content"]
    assert [media_type.split(";")[0] for media_type in content] == ["text/plain"]


def test_pki_roots_list_the_pem_answer(document: dict[str, Any]) -> None:
    content = document["paths"]["/v1/pki/roots"]["get"]["responses"]["200"]["content"]
    assert set(content) == {"application/json", "application/x-pem-file"}


def _target(document: dict[str, Any], ref: str) -> dict[str, Any]:
    path, method = ref.removeprefix("#/paths/").rsplit("/", 1)
    found: dict[str, Any] = document["paths"][path.replace("~1", "/").replace("~0", "~")][method]
    return found


def test_links_chain_a_submission_to_its_status_and_events(document: dict[str, Any]) -> None:
    # Without links schemathesis's stateful phase had nothing to chain.
    links = document["paths"]["/v1/applications"]["post"]["responses"]["202"]["links"]
    assert links["GetApplicationEvents"]["parameters"] == {"application_id": "$response.body#/id"}
    assert _target(document, links["GetStatus"]["operationRef"])["security"] == [
        {"statusToken": []}
    ]


def test_every_link_names_an_operation_and_its_parameters(document: dict[str, Any]) -> None:
    count = 0
    for _method, _path, operation in _operations(document):
        for response in operation["responses"].values():
            for link in (response.get("links") or {}).values():
                target = _target(document, link["operationRef"])
                names = {parameter["name"] for parameter in target.get("parameters", [])}
                assert set(link["parameters"]) <= names, link
                count += 1
    assert count >= 20


def _parameter(document: dict[str, Any], method: str, path: str, name: str) -> dict[str, Any]:
    parameters = document["paths"][path][method]["parameters"]
    found: dict[str, Any] = next(p["schema"] for p in parameters if p["name"] == name)
    return found


def test_task_ids_are_bounded_by_the_exact_bigint(document: dict[str, Any]) -> None:
    # Written as the float 9.223372036854776e+18 (2**63) the bound let 2**63 + 191 through,
    # which the API refuses with 400.
    for method, path in [
        ("get", "/v1/officer/tasks/{task_id}"),
        ("post", "/v1/officer/tasks/{task_id}/claim"),
    ]:
        bound = _parameter(document, method, path, "task_id")["maximum"]
        assert isinstance(bound, int) and bound == 2**63 - 1


def test_due_within_hours_is_not_negative(document: dict[str, Any]) -> None:
    schema = _parameter(document, "get", "/v1/officer/tasks", "due_within_hours")
    assert schema["minimum"] == 0


@pytest.mark.parametrize(
    ("schema", "field"),
    [
        ("NewExamSession", "answer_key"),
        ("AnswersRequest", "answers"),
        ("ComplaintRequest", "attachments"),
    ],
)
def test_list_items_keep_their_constraints(
    document: dict[str, Any], schema: str, field: str
) -> None:
    # An empty answer or a control character in an attachment reference is a 400.
    items = document["components"]["schemas"][schema]["properties"][field]["items"]
    assert items["minLength"] == 1
    assert "pattern" in items


def test_a_204_has_no_body(document: dict[str, Any]) -> None:
    # Logout was documented as JSON `null`; the API sends no body and no content type.
    logout = document["paths"]["/v1/officer/auth/logout"]["post"]["responses"]["204"]
    assert "content" not in logout


def test_webhook_registration_documents_event_types_and_the_url_form(
    document: dict[str, Any],
) -> None:
    # Any string was allowed for both; the API answers 422 to an unknown event type or a URL
    # it may not call, so no generated request could register a webhook.
    from registry.webhooks.events import EVENT_TYPES

    properties = document["components"]["schemas"]["WebhookRequest"]["properties"]
    assert properties["events"]["items"]["enum"] == list(EVENT_TYPES)
    assert properties["url"]["pattern"].startswith("^https://")
