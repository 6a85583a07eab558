"""``/v1/officer/auth``: logging in with the officer's own EDS key through NCALayer.

The contract (the console and other tools rely on it):

* ``GET /v1/officer/auth/challenge`` → ``{"nonce", "expires_at"}``: single use, 5 minutes.
* ``POST /v1/officer/auth/eds`` ``{"cms": base64 attached CMS whose content is the nonce}``
  → 200 ``{"token", "expires_at", "officer"}`` and the session cookie.
* ``POST /v1/officer/auth/logout`` → 204; the session is gone.

Which certificates may log in: an **authentication** certificate (NCA's RSA pairs: policy
.2.2/.2.4, keyUsage digitalSignature, clientAuth), or a GOST-2015 **single key**, which NCA
issues for both uses. A signing-only certificate (nonRepudiation) is refused
(``eds_certificate_not_for_auth``): a signature made with it carries legal weight, and a login
page that asks for one trains officers to sign whatever a page puts in front of them. This is
``signing``'s ``auth`` purpose (signing/identity.py ``purpose_problem``).

The certificate must chain to the configured anchors and be unrevoked (CRL and OCSP, as for
applicants), and its IIN must be the IIN of an active officer account. One person may hold
several accounts (one per role): the body's ``role`` then picks one (409
``officer_role_required`` lists the roles when it is missing).
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.datastructures import Cookie, State
from litestar.params import Body

from gateway.dependencies import SharedResources
from gateway.officers.auth import (
    ANY_OFFICER,
    SESSION_COOKIE,
    AuthenticatedOfficer,
    authenticated,
    session_token,
)
from gateway.problems import Problem
from gateway.ratelimit import RateLimiter, client_address
from registry.officers.repository import active_officers_by_iin
from registry.officers.roles import OfficerRole
from registry.officers.sessions import (
    Challenge,
    close_session,
    consume_challenge,
    issue_challenge,
    open_session,
)
from registry.resources import Resources
from registry.settings import Settings
from signing import Code, signed_content

MAX_CMS_BASE64 = 64 * 1024  # a signed 43-character nonce with a chain is a few KiB
INSECURE_COOKIE_ENVS = ("local", "test")  # plain http on loopback; production is behind TLS


class EdsLogin(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    cms: Annotated[str, msgspec.Meta(max_length=MAX_CMS_BASE64)]
    role: OfficerRole | None = None


class LoginAnswer(msgspec.Struct, frozen=True, kw_only=True):
    token: str
    expires_at: datetime
    officer: AuthenticatedOfficer
    csrf: str  # for tools that drive the console's cookie-authenticated forms


def session_cookie(settings: Settings, value: str, *, max_age: int | None = None) -> Cookie:
    """The console's session cookie: HttpOnly, SameSite=Strict, Secure outside local/test."""
    return Cookie(
        key=SESSION_COOKIE,
        value=value,
        path="/",
        httponly=True,
        secure=settings.env not in INSECURE_COOKIE_ENVS,
        samesite="strict",
        max_age=max_age,
    )


def _decode(cms: str) -> tuple[bytes, str]:
    """The CMS (DER) and the nonce it carries; 400 ``eds_signature_malformed`` otherwise."""
    try:
        der = base64.b64decode(cms, validate=True)
    except (binascii.Error, ValueError):
        der = b""
    content = signed_content(der) if der else None
    try:
        nonce = content.decode("ascii") if content else ""
    except UnicodeDecodeError:
        nonce = ""
    if not nonce:
        raise Problem(
            400, "eds_signature_malformed", "cms must be base64 of an attached CMS of the nonce"
        )
    return der, nonce


async def _officer_of(resources: Resources, der: bytes, role: str | None) -> AuthenticatedOfficer:
    result = await resources.verifier.verify_cms(der, purpose="auth")
    if result.code is Code.WRONG_KEY_USAGE:
        raise Problem(403, "eds_certificate_not_for_auth", result.message)
    if not result.valid:
        raise Problem(
            401, "eds_certificate_invalid", result.message, extra={"verdict": result.code.value}
        )
    iin = result.identity.iin if result.identity is not None else None
    async with resources.sessions() as session:
        accounts = [] if iin is None else await active_officers_by_iin(session, iin)
    chosen = [account for account in accounts if role is None or account.role == role]
    if not chosen:
        raise Problem(403, "officer_not_registered", "no active officer account for this person")
    if len(chosen) > 1:
        roles = sorted({account.role for account in chosen})
        raise Problem(
            409,
            "officer_role_required",
            "send role: one of " + ", ".join(roles),
            extra={"roles": roles},
        )
    return authenticated(chosen[0])


class EdsAuthController(Controller):
    path = "/v1/officer/auth"
    tags = ["officers"]

    @get("/challenge", summary="A single-use nonce to sign with the officer's EDS (5 minutes)")
    async def challenge(self, resources: SharedResources) -> Challenge:
        return await issue_challenge(resources.redis)

    @post(
        "/eds",
        status_code=200,
        summary="Log in with a CMS over the nonce: a session token and the session cookie",
    )
    async def eds(
        self,
        request: Request[Any, Any, State],
        resources: SharedResources,
        data: Annotated[EdsLogin, Body(title="Signed nonce")],
    ) -> Response[LoginAnswer]:
        limiter: RateLimiter = request.app.state.auth_failure_limiter
        address = client_address(request)
        await limiter.ensure_open(address)
        try:
            der, nonce = _decode(data.cms)
            # Used up before the certificate is judged: a nonce signs in at most once, whatever
            # the outcome, so a captured signature is worth nothing afterwards.
            if not await consume_challenge(resources.redis, nonce):
                raise Problem(401, "eds_challenge_invalid", "ask GET /v1/officer/auth/challenge")
            officer = await _officer_of(resources, der, data.role)
        except Problem:
            await limiter.check(address)
            raise
        settings = resources.settings
        opened = await open_session(
            resources.redis, officer.id, settings.officer_session_idle_seconds
        )
        answer = LoginAnswer(
            token=opened.token, expires_at=opened.expires_at, officer=officer, csrf=opened.csrf
        )
        return Response(answer, cookies=[session_cookie(settings, opened.token)])

    @post(
        "/logout",
        status_code=204,
        summary="End the session (cookie or qs_ token)",
        guards=[ANY_OFFICER],
    )
    async def logout(
        self, request: Request[Any, Any, State], resources: SharedResources
    ) -> Response[None]:
        token, _ = session_token(request)
        if token is not None:
            await close_session(resources.redis, token)
        return Response(
            None, status_code=204, cookies=[session_cookie(resources.settings, "", max_age=0)]
        )
