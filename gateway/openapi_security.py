"""The OpenAPI document's security schemes, and which routes need which, read from the guards.

Who may call a route is decided by its guards (gateway/auth.py, gateway/officers/auth.py); the
document says the same by looking at them, so it cannot drift from the code (the route table
in docs/SECURITY.md is checked the same way by tests/test_security_doc.py). Each route lists
its alternatives: a partner route its API key; an officer route a bearer token (``qo_`` or an
EDS session's ``qs_``) or the console's session cookie; a status route an applicant app's
status token (``qt_``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar import Litestar
from litestar.openapi.spec import Components, SecurityRequirement, SecurityScheme

from gateway.officers.auth import SESSION_COOKIE

PARTNER = "partnerApiKey"
OFFICER = "officerToken"
SESSION = "officerSession"
METRICS = "metricsToken"
STATUS = "statusToken"

SCHEMES: dict[str, SecurityScheme] = {
    PARTNER: SecurityScheme(
        type="http",
        scheme="bearer",
        bearer_format="qk_…",
        description="A partner's API key (`qaqpa partners create`), with the route's scope.",
    ),
    OFFICER: SecurityScheme(
        type="http",
        scheme="bearer",
        bearer_format="qo_… or qs_…",
        description=(
            "An officer's token (`qaqpa officers create`, for automation) or the `token` of an "
            "EDS login (`POST /v1/officer/auth/eds`)."
        ),
    ),
    SESSION: SecurityScheme(
        type="apiKey",
        name=SESSION_COOKIE,
        security_scheme_in="cookie",
        description=(
            "The console's session cookie set by `POST /v1/officer/auth/eds`; requests that "
            "change anything also send `X-CSRF-Token`."
        ),
    ),
    STATUS: SecurityScheme(
        type="http",
        scheme="bearer",
        bearer_format="qt_…",
        description=(
            "An applicant app's status token for one application: the `status_token` of the "
            "submission's 202, or one made with `POST /v1/applications/{id}/status-tokens`."
        ),
    ),
    METRICS: SecurityScheme(
        type="http", scheme="bearer", description="`QAQPA_METRICS_TOKEN`, when set."
    ),
}


def components() -> Components:
    return Components(security_schemes=dict(SCHEMES))


def _requirements(guard: Callable[..., Any]) -> list[SecurityRequirement]:
    name = getattr(guard, "__qualname__", "")
    if name.startswith("require_scope."):
        return [{PARTNER: []}]
    if name.startswith(("require_officer_role.", "require_console_officer.")):
        return [{OFFICER: []}, {SESSION: []}]
    if name == "require_status_token":
        return [{STATUS: []}]
    if name == "require_metrics_token":
        return [{METRICS: []}]
    return []


def declare_security(app: Litestar) -> None:
    """Give every guarded route the security requirements its guards enforce."""
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            guards = [g for layer in handler.ownership_layers for g in (layer.guards or [])]
            found = [r for guard in guards for r in _requirements(guard)]
            if found:
                handler.security = found
