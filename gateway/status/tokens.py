"""``/v1/applications/{id}/status-tokens``: the partner lists, issues and revokes the tokens
its applicants' apps read an application with (the first comes with the submission's 202)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from litestar import Controller, delete, get, post
from litestar.params import FromPath

from gateway.auth import require_scope
from gateway.dependencies import PARTNER_DEPENDENCY, Partner, SharedResources
from gateway.problems import Problem
from registry.applications import status_tokens
from registry.applications.status_tokens import IssuedStatusToken, StatusTokenView
from registry.workflow.errors import ApplicationNotFoundError


def _not_found(application_id: uuid.UUID) -> Problem:
    return Problem(404, "not_found", f"no application {application_id} for this partner")


class StatusTokenController(Controller):
    path = "/v1/applications/{application_id:uuid}/status-tokens"
    tags = ["applicant apps"]
    dependencies = PARTNER_DEPENDENCY
    guards = [require_scope("read")]

    @get("/", summary="The application's status tokens (never their values)")
    async def list_tokens(
        self, resources: SharedResources, partner: Partner, application_id: FromPath[uuid.UUID]
    ) -> list[StatusTokenView]:
        try:
            async with resources.sessions() as session:
                return await status_tokens.tokens_of(session, partner.id, application_id)
        except ApplicationNotFoundError as error:
            raise _not_found(application_id) from error

    @post("/", summary="Issue another status token (shown once)", status_code=201)
    async def issue(
        self, resources: SharedResources, partner: Partner, application_id: FromPath[uuid.UUID]
    ) -> IssuedStatusToken:
        try:
            async with resources.sessions() as session, session.begin():
                return await status_tokens.issue(
                    session, partner.id, application_id, datetime.now(UTC)
                )
        except ApplicationNotFoundError as error:
            raise _not_found(application_id) from error

    @delete("/{token_id:uuid}", summary="Revoke a status token (its reads answer 401 at once)")
    async def revoke(
        self,
        resources: SharedResources,
        partner: Partner,
        application_id: FromPath[uuid.UUID],
        token_id: FromPath[uuid.UUID],
    ) -> None:
        try:
            async with resources.sessions() as session, session.begin():
                found = await status_tokens.revoke(
                    session, partner.id, application_id, token_id, datetime.now(UTC)
                )
        except ApplicationNotFoundError as error:
            raise _not_found(application_id) from error
        if not found:
            raise Problem(404, "not_found", f"no active status token {token_id}")
