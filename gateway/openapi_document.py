"""The committed OpenAPI document (``openapi/openapi.json``), generated from the app."""

from __future__ import annotations

import json
from pathlib import Path

from litestar.serialization import encode_json

from gateway.app import create_app
from registry.settings import Settings

DOCUMENT_PATH = Path(__file__).resolve().parent.parent / "openapi" / "openapi.json"


def render_openapi() -> str:
    """The app's OpenAPI document as stable, diff-friendly JSON text (settings do not matter)."""
    # Litestar's encoder knows its own types; re-parse to sort keys for stable diffs.
    schema = json.loads(encode_json(create_app(Settings()).openapi_schema.to_schema()))
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
