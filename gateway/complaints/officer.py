"""``/v1/officer/complaints``: heads and unit heads decide the complaints addressed to the
provider, ``authority`` officers (the authorised quality-control body) those addressed to it;
signers send decisions to signing.

* ``GET /`` (heads, unit heads, authority officers, signers): open complaints of the levels
  the role sees (registry/complaints/levels.py), most urgent first; with
  ``awaiting_signature=true``, decided complaints whose decision no signer has approved yet,
  oldest decision first (the signers' work).
* ``POST /{id}/decisions`` (heads and unit heads: provider level; authority officers:
  authority level; the other level is ``complaint_not_found``): settle, uphold or reject.
* ``POST /{id}/signature`` (signers): approve the decision for signature; the worker signs it.

Each write is one transaction on the locked application; its status cache entry is deleted
after commit. Errors are problems with stable codes: ``complaint_not_found`` 404,
``complaint_already_decided`` 409, ``complaint_settle_term_expired`` 409, ``invalid_decision``
422 (a rejection without reasons); for the signature ``complaint_not_decided`` 409,
``complaint_decision_already_approved`` 409 and ``four_eyes`` 409 (the officer who prepared the
decision, by IIN, cannot approve it). A role outside the route's is 403 ``officer_forbidden``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

import msgspec
from litestar import Controller, get, post
from litestar.params import Body, FromPath, QueryParameter

from gateway.dependencies import OFFICER_DEPENDENCY, Officer, SharedResources
from gateway.officers.auth import require_officer_role
from registry.complaints import decisions
from registry.complaints.decisions import open_complaints
from registry.complaints.signature import (
    approve_for_signing,
    decisions_awaiting_signature,
)
from registry.complaints.views import ComplaintView
from registry.forms.common import MULTI_LINE
from registry.issuing.readiness import check_signer_ready

DECIDERS = require_officer_role("head", "unit_head", "authority")
SIGNERS = require_officer_role("signer")
READERS = require_officer_role("head", "unit_head", "authority", "signer")


class ComplaintDecisionRequest(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """``settle`` (grant the request, within the settlement term), ``uphold`` or ``reject``."""

    action: Literal["settle", "uphold", "reject"]
    text: (
        Annotated[
            str,
            msgspec.Meta(
                max_length=10000,
                pattern=MULTI_LINE,
                description="The motivation; required to reject",
            ),
        ]
        | None
    ) = None


class OfficerComplaintController(Controller):
    path = "/v1/officer/complaints"
    tags = ["officers", "complaints"]
    dependencies = OFFICER_DEPENDENCY

    @get(
        "/",
        summary="Open complaints, most urgent first; or decisions awaiting a signer",
        description=(
            "Open complaints by review due time. With `awaiting_signature=true`: decided "
            "complaints whose decision (`decision_status` `awaiting_signature`) no signer has "
            "approved for signature yet, oldest decision first."
        ),
        guards=[READERS],
    )
    async def list_open(  # the name is the OpenAPI operationId clients use: keep it
        self,
        resources: SharedResources,
        officer: Officer,
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
        awaiting_signature: Annotated[
            bool,
            QueryParameter(
                description="List decided complaints whose decision waits for a signer's approval"
            ),
        ] = False,
    ) -> list[ComplaintView]:
        sessions = resources.sessions
        now = datetime.now(UTC)
        async with sessions() as session:
            if awaiting_signature:
                return await decisions_awaiting_signature(session, now, limit=limit, scope=officer)
            return await open_complaints(session, now, limit=limit, scope=officer)

    @post(
        "/{complaint_id:uuid}/decisions",
        status_code=200,
        summary="Decide a complaint: settle, uphold or reject",
        guards=[DECIDERS],
    )
    async def decide(
        self,
        resources: SharedResources,
        officer: Officer,
        complaint_id: FromPath[uuid.UUID],
        data: Annotated[ComplaintDecisionRequest, Body(title="Complaint decision")],
    ) -> ComplaintView:
        return await decisions.decide(
            resources.sessions,
            resources.redis,
            complaint_id,
            officer,
            data.action,
            data.text,
            datetime.now(UTC),
        )

    @post(
        "/{complaint_id:uuid}/signature",
        status_code=200,
        summary="Approve a complaint's decision for signature (signers)",
        description=(
            "The signer's approval of the decision a head prepared: the signer goes on the "
            "document and the worker signs its PDF and XML with the signer's key. No body. "
            "409 `complaint_not_decided` for an open complaint, `four_eyes` when the signer "
            "prepared the decision (same IIN), `complaint_decision_already_approved` when it was "
            "already approved (or signed); 404 `complaint_not_found`."
        ),
        guards=[SIGNERS],
    )
    async def approve_for_signature(
        self, resources: SharedResources, officer: Officer, complaint_id: FromPath[uuid.UUID]
    ) -> ComplaintView:
        # Refused now, as for the flows' signer step: with officers' own keys (eds) the
        # signature is given in a signing session, which is also the approval; with server
        # keys, no key for this signer or a revoked or expired certificate.
        await check_signer_ready(resources.settings, resources.verifier, officer.iin, officer.role)
        return await approve_for_signing(
            resources.sessions, resources.redis, complaint_id, officer, datetime.now(UTC)
        )
