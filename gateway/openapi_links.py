"""OpenAPI links: which answer's identifier feeds which next request.

A client (or schemathesis's stateful phase, ``make fuzz``) follows them: the ``id`` of a 202
to ``POST /v1/applications`` is the ``application_id`` of its status, events, documents and
complaints; a new webhook's ``id`` that of its reads, rotation and deletion; and so on. They are
data here, applied to the routes' operations when the document is built (each link names its
target by ``operationRef``, a pointer into the same document), so ``make openapi`` writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.spec import Link, OpenAPIResponse, Operation

APPLICATION = "/v1/applications/{application_id}"
WEBHOOK = "/v1/webhooks/{webhook_id}"
STATUS = "/v1/status/applications/{application_id}"
EXAM_SESSION = "/v1/officer/exam-sessions/{session_id}"
BODY_ID = "$response.body#/id"
_TYPED_PARAMETER = re.compile(r"\{(\w+):\w+\}")

# (method, path, status) of an answer -> {link name: (method, path, {parameter: expression})}
LINKS: dict[tuple[str, str, str], dict[str, tuple[str, str, dict[str, str]]]] = {
    ("POST", "/v1/applications", "202"): {
        "GetApplication": ("GET", APPLICATION, {"application_id": BODY_ID}),
        "GetApplicationEvents": ("GET", APPLICATION + "/events", {"application_id": BODY_ID}),
        "GetApplicationDocuments": (
            "GET", APPLICATION + "/documents", {"application_id": BODY_ID}
        ),
        "GetApplicationComplaints": (
            "GET", APPLICATION + "/complaints", {"application_id": BODY_ID}
        ),
        "FileComplaint": ("POST", APPLICATION + "/complaints", {"application_id": BODY_ID}),
        "ListStatusTokens": ("GET", APPLICATION + "/status-tokens", {"application_id": BODY_ID}),
        "CreateStatusToken": (
            "POST", APPLICATION + "/status-tokens", {"application_id": BODY_ID}
        ),
        "GetStatus": ("GET", STATUS, {"application_id": BODY_ID}),
        "GetStatusEvents": (
            "GET", STATUS + "/events", {"application_id": BODY_ID}
        ),
        "GetOfficerView": (
            "GET", "/v1/officer/applications/{application_id}", {"application_id": BODY_ID}
        ),
    },
    ("POST", APPLICATION + "/status-tokens", "201"): {
        "RevokeStatusToken": (
            "DELETE",
            APPLICATION + "/status-tokens/{token_id}",
            {"application_id": "$request.path.application_id", "token_id": BODY_ID},
        ),
    },
    ("POST", APPLICATION + "/complaints", "201"): {
        "DecideComplaint": (
            "POST", "/v1/officer/complaints/{complaint_id}/decisions", {"complaint_id": BODY_ID}
        ),
    },
    ("POST", "/v1/webhooks", "201"): {
        "GetWebhook": ("GET", WEBHOOK, {"webhook_id": BODY_ID}),
        "GetWebhookDeliveries": ("GET", WEBHOOK + "/deliveries", {"webhook_id": BODY_ID}),
        "RotateWebhookSecret": ("POST", WEBHOOK + "/rotate-secret", {"webhook_id": BODY_ID}),
        "DeleteWebhook": ("DELETE", WEBHOOK, {"webhook_id": BODY_ID}),
    },
    ("POST", "/v1/officer/exam-sessions", "201"): {
        "GetExamSession": ("GET", EXAM_SESSION, {"session_id": BODY_ID}),
        "GetExamProtocol": ("GET", EXAM_SESSION + "/protocol", {"session_id": BODY_ID}),
        "AdmitToExamSession": ("POST", EXAM_SESSION + "/admissions", {"session_id": BODY_ID}),
        "HoldExamSession": ("POST", EXAM_SESSION + "/hold", {"session_id": BODY_ID}),
        "RecordExamResults": ("POST", EXAM_SESSION + "/results", {"session_id": BODY_ID}),
    },
    ("POST", "/v1/admin/calendar-transfers/proposals", "201"): {
        "ConfirmTransfer": (
            "POST",
            "/v1/admin/calendar-transfers/proposals/{proposal_id}/confirmation",
            {"proposal_id": BODY_ID},
        ),
    },
    ("POST", "/v1/admin/risk-rules", "202"): {
        "ApproveRiskChange": (
            "POST", "/v1/admin/risk-changes/{change_id}/approve", {"change_id": BODY_ID}
        ),
    },
}  # fmt: skip


def operation_ref(method: str, path: str) -> str:
    """A JSON pointer to the operation in this document (RFC 6901 escapes ``~`` and ``/``)."""
    return "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method.lower()


def links_of(method: str, path: str) -> dict[str, dict[str, Link]]:
    """The links of each answer (by status) of the operation ``method path``."""
    found: dict[str, dict[str, Link]] = {}
    for (source_method, source_path, status), targets in LINKS.items():
        if (source_method, source_path) == (method, path):
            found[status] = {
                name: Link(operation_ref=operation_ref(*target[:2]), parameters=dict(target[2]))
                for name, target in targets.items()
            }
    return found


def _linked(base: type[Operation], links: dict[str, dict[str, Link]]) -> type[Operation]:
    """``base`` (Litestar's Operation or a route's own subclass) that adds ``links``."""

    def post_init(self: Operation) -> None:
        if hasattr(base, "__post_init__"):
            base.__post_init__(self)
        for status, by_name in links.items():
            response = (self.responses or {}).get(status)
            if isinstance(response, OpenAPIResponse):
                response.links = {**(response.links or {}), **by_name}

    linked = type(f"Linked{base.__name__}", (base,), {"__post_init__": post_init})
    return dataclass(linked)


def declare_links(app: Litestar) -> None:
    """Give the operations that start a chain their answers' links."""
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if not isinstance(handler, HTTPRouteHandler):
                continue
            for method in handler.http_methods:
                # The document's path: ``{name}`` where the route has ``{name:type}``.
                links = links_of(method, _TYPED_PARAMETER.sub(r"{\1}", route.path))
                if links:
                    handler.operation_class = _linked(handler.operation_class, links)
