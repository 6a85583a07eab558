"""The request id every log line of a request carries (the log output itself: ``registry.logs``).

The request id comes from ``X-Request-ID`` when the client sends a sane one (a partner's
trace id), otherwise it is generated; it is bound to structlog's context variables for the
request, put in ``scope["state"]`` for problem documents, and echoed in the response.
Log lines never carry bodies, keys or tokens: only method, path, status and timing. The
``path`` is the matched route template (``/v1/customs/accounts/{iin}``), never the raw path:
paths carry IINs, BINs and ids that must not reach the logs. A request that matched no route
logs ``path: null``.
"""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

import structlog
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "x-request-id"
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")

access_logger = structlog.get_logger("qaqpa.access")


def incoming_request_id(scope: Scope) -> str:
    """The client's ``X-Request-ID`` if it is short and plain, else a new one."""
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            candidate = value.decode("latin-1")
            if _SAFE_REQUEST_ID.fullmatch(candidate):
                return candidate
            break
    return uuid.uuid4().hex


def request_id_middleware(app: ASGIApp) -> ASGIApp:
    """ASGI middleware: bind, echo and log the request id of every HTTP request."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        request_id = incoming_request_id(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        status: dict[str, Any] = {}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableScopeHeaders.from_message(message)["X-Request-ID"] = request_id
                status["code"] = message["status"]
            await send(message)

        started = time.perf_counter()
        with structlog.contextvars.bound_contextvars(request_id=request_id):
            try:
                await app(scope, receive, send_with_id)
            finally:
                access_logger.info(
                    "request",
                    method=scope.get("method"),
                    # Litestar's router sets the template in the scope it passes down.
                    path=scope.get("path_template"),
                    status=status.get("code"),
                    duration_ms=round((time.perf_counter() - started) * 1000, 2),
                )

    return middleware
