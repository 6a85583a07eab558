"""Who may open a console page: an officer with a live session (or token), of some roles.

A page is read by a person: without a session the answer is a redirect to the login page,
not a 401 problem. The guard otherwise admits exactly as the JSON API's officer guard does
(gateway/officers/auth.py), CSRF check included for changes made with the cookie.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response
from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler
from litestar.response import Redirect
from litestar.types import Guard

from gateway.officers.auth import authenticate_officer
from gateway.problems import Problem
from registry.officers.roles import ALL_OFFICER_ROLES, OfficerRole

LOGIN_PATH = "/officer/login"


class LoginRequired(Exception):  # noqa: N818 - a redirect, not an error
    """No live session: the console sends the browser to the login page."""


def to_login(_: Request[Any, Any, Any], __: LoginRequired) -> Response[Any]:
    return Redirect(LOGIN_PATH)


def require_console_officer(*roles: OfficerRole) -> Guard:
    """A guard for console routes: a session of one of ``roles`` (403 for another role)."""
    allowed = frozenset(roles)

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        officer = await authenticate_officer(connection)
        if officer is None:
            if connection.scope.get("method") in ("GET", "HEAD"):
                raise LoginRequired
            raise Problem(401, "officer_unauthenticated", "log in with EDS")
        if officer.role not in allowed:
            raise Problem(
                403,
                "officer_forbidden",
                f"the {officer.role} role may not do this; allowed: {', '.join(sorted(allowed))}",
            )
        connection.state.officer = officer

    return guard


ANY_CONSOLE_OFFICER = require_console_officer(*ALL_OFFICER_ROLES)
HEADS = require_console_officer("head", "unit_head")
