"""docs/SECURITY.md's route table says who may call each route: this keeps it true to the code.

The "who" of a route is worked out from its guards: a partner scope (``require_scope``), the
officer roles (``require_officer_role``; ``require_console_officer`` for the console's pages,
which send a browser without a session to the login page), the metrics token, or nobody
(public).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from litestar import Litestar

from gateway.health import require_metrics_token
from gateway.ratelimit import limit_by_client_address, limit_every_client_address
from gateway.status.guard import require_status_token
from registry.officers.roles import ALL_OFFICER_ROLES

DOC = Path(__file__).resolve().parent.parent / "docs" / "SECURITY.md"
ROW = re.compile(r"^\| (GET|POST|PUT|PATCH|DELETE) \| (\S+) \| ([^|]+) \|$")
PATH_TYPE = re.compile(r"\{(\w+):\w+\}")


def _closure(guard: Callable[..., Any]) -> dict[str, Any]:
    cells = guard.__closure__ or ()
    return dict(
        zip(guard.__code__.co_freevars, (cell.cell_contents for cell in cells), strict=True)
    )


def _roles(allowed: frozenset[str]) -> str:
    return "any role" if allowed == frozenset(ALL_OFFICER_ROLES) else ", ".join(sorted(allowed))


def _who(guards: list[Callable[..., Any]]) -> str:
    """The doc's words for what these guards admit."""
    names: list[str] = []
    public_limit = False
    for guard in guards:
        if guard is limit_every_client_address:
            continue
        if guard is limit_by_client_address:
            public_limit = True
        elif guard is require_metrics_token:
            names.append("metrics token")
        elif guard is require_status_token:
            names.append("status token")
        elif guard.__qualname__.startswith("require_scope."):
            names.append(f"partner: {_closure(guard)['scope']}")
        elif guard.__qualname__.startswith("require_console_officer."):
            names.append(f"console: {_roles(_closure(guard)['allowed'])}")
        elif guard.__qualname__.startswith("require_officer_role."):
            closure = _closure(guard)
            allowed = closure["allowed"]
            roles = (
                "any role"
                if allowed == frozenset(ALL_OFFICER_ROLES)
                else ", ".join(sorted(allowed))
            )
            service = closure.get("service")
            names.append(f"officer: {roles}" + (f" of {service}" if service else ""))
    if not names:
        return "public, verification limit" if public_limit else "public"
    return "; ".join(names)


def _routes(app: Litestar) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            guards = [g for layer in handler.ownership_layers for g in (layer.guards or [])]
            for method in handler.http_methods - {"OPTIONS", "HEAD"}:
                found[(method, PATH_TYPE.sub(r"{\1}", route.path))] = _who(guards)
    return found


def _documented() -> dict[tuple[str, str], str]:
    rows: dict[tuple[str, str], str] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            rows[(match[1], match[2])] = match[3].strip()
    return rows


def test_every_route_is_in_the_security_table_with_who_may_call_it(app: Litestar) -> None:
    assert _documented() == _routes(app)
