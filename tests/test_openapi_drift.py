"""The committed OpenAPI document is what the app produces (run `make openapi` after changes)."""

from __future__ import annotations

import json

from gateway.openapi_document import DOCUMENT_PATH, render_openapi


def test_committed_document_matches_the_app() -> None:
    committed = DOCUMENT_PATH.read_text(encoding="utf-8")
    assert committed == render_openapi(), "openapi/openapi.json is stale: run `make openapi`"


def test_document_is_openapi_3_1() -> None:
    document = json.loads(DOCUMENT_PATH.read_text(encoding="utf-8"))
    assert document["openapi"].startswith("3.1.")
    assert "/health/ready" in document["paths"]
