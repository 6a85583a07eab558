"""The problem responses every operation of the OpenAPI document lists, read from the routes.

The gateway answers errors the same way everywhere (gateway/problems.py): an RFC 9457 problem
document, ``application/problem+json``, whatever the route. Which statuses a route can answer
follows from what it is, so the document says it here for all routes at once rather than in
each handler: 400 for input the route cannot read, 429 and 503 on every route the per-address
limit counts (the limit lives in Redis), 401 and 403 where a guard asks who is calling, 404
where the path names something, 409 and 422 where the request asks for a change. A route's own
``responses`` (with its problem codes) win over these; a 204 is documented without a body.
Without this the document listed
Litestar's ``application/json`` validation body for 400 and nothing else, so a client generated
from it knew none of the answers it gets (found by ``make fuzz``, issue 17).
"""

from __future__ import annotations

from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import HTTP_204_NO_CONTENT

from gateway.problems import PROBLEM_MEDIA_TYPE, ProblemDocument
from gateway.ratelimit import CLIENT_RATE_LIMIT_EXEMPT

DESCRIPTIONS: dict[int, str] = {
    400: "The request cannot be read: a parameter or the body does not match this document",
    401: "No credentials, or credentials this API does not accept",
    403: "The caller may not do this (scope, role, or not theirs)",
    404: "Nothing with that identifier (or nothing the caller may see)",
    409: "The resource is not in a state that allows this",
    422: "Well-formed, but refused on its meaning (`code` says why)",
    429: "Too many requests: wait as `Retry-After` says",
    503: "A dependency (database, Redis) is unavailable: retry after `Retry-After`",
}
CHANGES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _spec(status: int) -> ResponseSpec:
    return ResponseSpec(
        ProblemDocument,
        description=DESCRIPTIONS[status],
        media_type=PROBLEM_MEDIA_TYPE,
        generate_examples=False,
    )


def problem_statuses(path: str, handler: HTTPRouteHandler) -> list[int]:
    """The statuses of the problems ``handler`` (at ``path``) can answer with."""
    statuses = [400]
    if not handler.opt.get(CLIENT_RATE_LIMIT_EXEMPT):
        statuses += [429, 503]
    if handler.security:
        statuses += [401, 403]
    if "{" in path:
        statuses.append(404)
    if CHANGES & set(handler.http_methods):
        statuses += [409, 422]
    return sorted(statuses)


def declare_problem_responses(app: Litestar) -> None:
    """Give every route the problem responses it can answer (after security is declared)."""
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if not isinstance(handler, HTTPRouteHandler) or not handler.include_in_schema:
                continue
            generic = {status: _spec(status) for status in problem_statuses(route.path, handler)}
            if handler.status_code == HTTP_204_NO_CONTENT:
                # Litestar documents a ``Response[None]`` as JSON ``null``; a 204 has no body.
                generic[HTTP_204_NO_CONTENT] = ResponseSpec(None, description="No content")
            handler.responses = generic | dict(handler.responses or {})
