"""``/officer/admin``: heads manage the officers of their unit and watch overdue steps.

A new account is made from the officer's certificate, not a typed IIN: the certificate is
checked like any other (chain to our anchors, validity, revocation) and its IIN and name are
read by ``signing``, so an account cannot be opened for a mistyped or invented person. The
account gets no ``qo_`` token to hand over: its holder logs in with that EDS.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.datastructures import State, UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.response import Template

from gateway.console.auth import HEADS, LoginRequired, to_login
from gateway.console.rendering import page
from gateway.dependencies import OFFICER_DEPENDENCY, Officer, SharedResources
from gateway.officers.auth import AuthenticatedOfficer
from gateway.problems import Problem
from registry.domains import CATALOGUE
from registry.models import Officer as OfficerRow
from registry.officers.repository import create_officer, list_officers, revoke_officer
from registry.officers.roles import ALL
from registry.officers.unit import CREATABLE_ROLES, manages, overdue_steps
from signing import Code

MAX_CERTIFICATE_BYTES = 64 * 1024


class NewOfficer(msgspec.Struct, kw_only=True):
    role: str
    certificate: UploadFile
    name: str = ""
    services: list[str] | str = []


class CreatedOfficer(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    role: str
    iin: str
    name: str
    services: list[str]
    offices: list[str]


def _services(head: AuthenticatedOfficer, asked: list[str] | str) -> list[str]:
    wanted = [asked] if isinstance(asked, str) else list(asked)
    wanted = [code for code in wanted if code]
    mine = list(CATALOGUE) if ALL in head.services else list(head.services)
    if not wanted:
        return list(head.services)
    outside = sorted(set(wanted) - set(mine))
    if outside:
        raise Problem(422, "invalid_scope", f"services outside your unit: {', '.join(outside)}")
    return sorted(set(wanted))


class ConsoleAdminController(Controller):
    path = "/officer/admin"
    include_in_schema = False
    guards = [HEADS]
    exception_handlers = {LoginRequired: to_login}
    dependencies = OFFICER_DEPENDENCY

    @get("/officers", summary="The officers of the head's unit")
    async def officers(
        self, request: Request[Any, Any, State], resources: SharedResources, officer: Officer
    ) -> Template:
        async with resources.sessions() as session:
            found = await list_officers(session)
        unit = [o for o in found if manages(officer, o)]
        services = list(CATALOGUE) if ALL in officer.services else list(officer.services)
        return page(
            request,
            "admin_officers.html",
            officer,
            officers=unit,
            services=services,
            roles=CREATABLE_ROLES.get(officer.role, ()),
        )

    @post("/officers", status_code=201, summary="Create an officer from their certificate")
    async def create(
        self,
        resources: SharedResources,
        officer: Officer,
        data: Annotated[NewOfficer, Body(media_type=RequestEncodingType.MULTI_PART)],
    ) -> CreatedOfficer:
        if data.role not in CREATABLE_ROLES.get(officer.role, ()):
            raise Problem(403, "officer_forbidden", f"a {officer.role} may not create {data.role}")
        certificate = await data.certificate.read()
        if not certificate or len(certificate) > MAX_CERTIFICATE_BYTES:
            raise Problem(422, "officer_certificate_unreadable", "upload the PEM or DER file")
        verdict = await resources.verifier.check_certificate(certificate, purpose=None)
        identity = verdict.identity
        if verdict.code is Code.MALFORMED or identity is None or identity.iin is None:
            raise Problem(422, "officer_certificate_unreadable", verdict.message)
        if not verdict.valid:
            raise Problem(
                422,
                "eds_certificate_invalid",
                verdict.message,
                extra={"verdict": verdict.code.value},
            )
        name = data.name.strip() or identity.common_name or identity.iin
        services = _services(officer, data.services)
        async with resources.sessions() as session, session.begin():
            # The token create_officer makes is dropped unseen: this account logs in with EDS.
            row, _ = await create_officer(
                session,
                data.role,
                identity.iin,
                name,
                test_pki=resources.settings.test_pki,
                services=services,
                offices=list(officer.offices),
            )
        return msgspec.convert(row, CreatedOfficer, from_attributes=True)

    @post(
        "/officers/{officer_id:uuid}/deactivate",
        status_code=200,
        summary="Deactivate an officer of the unit (sessions end at their next request)",
    )
    async def deactivate(
        self, resources: SharedResources, officer: Officer, officer_id: FromPath[uuid.UUID]
    ) -> dict[str, Any]:
        async with resources.sessions() as session, session.begin():
            target = await session.get(OfficerRow, officer_id)
            if (
                target is None
                or target.revoked_at is not None
                or target.id == officer.id
                or target.role not in CREATABLE_ROLES.get(officer.role, ())
                or not manages(officer, target)
            ):
                raise Problem(404, "officer_not_found", f"no officer {officer_id} in your unit")
            revoked_at = await revoke_officer(session, officer_id)
        return {"id": str(officer_id), "revoked_at": revoked_at}

    @get("/overdue", summary="Overdue steps per service within the head's scope")
    async def overdue(
        self, request: Request[Any, Any, State], resources: SharedResources, officer: Officer
    ) -> Template:
        async with resources.sessions() as session:
            counts = await overdue_steps(session, officer, datetime.now(UTC))
        return page(request, "admin_overdue.html", officer, counts=counts)
