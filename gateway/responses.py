"""Responses whose body is already encoded JSON (cached or replayed bytes).

Handlers keep their precise return annotation (the OpenAPI document shows the Struct) while
sending bytes they encoded once; ``Response[Any]`` fits any ``Response[T]`` annotation.
"""

from __future__ import annotations

from typing import Any

from litestar import Response


def encoded_json(
    body: bytes, *, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response[Any]:
    return Response(body, status_code=status_code, headers=headers, media_type="application/json")
