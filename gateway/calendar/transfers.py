"""``/v1/admin/calendar-transfers``: heads change the decree transfer table with four eyes.

* ``GET /proposals``: the proposals waiting for a second head.
* ``POST /proposals``: propose adding a transfer (``action`` ``add`` with ``date``, ``kind``
  and ``decree``) or removing the one on a date (``action`` ``remove``); checked at once
  (422 ``invalid_transfer`` for a meaningless change).
* ``POST /proposals/{id}/confirmation``: another head (``four_eyes`` 409 for the proposer, by
  IIN) applies it: the table changes and every open step, running total and open complaint
  whose term window holds the date gets its due time re-derived, in one transaction; the answer
  lists the moved due times. Every process reloads the calendar at commit (NOTIFY); a second
  pass a second later catches a step another process opened with the old table meanwhile.

The calendar is the whole organisation's: only heads of every service (``services`` ``*``) may
propose or confirm (403 ``officer_forbidden`` otherwise).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Annotated

import msgspec
from litestar import Controller, get, post
from litestar.params import Body, FromPath

from gateway.dependencies import OFFICER_DEPENDENCY, Officer, SharedResources
from gateway.officers.auth import AuthenticatedOfficer, require_officer_role
from gateway.problems import Problem
from registry.applications.status_cache import invalidate_status
from registry.calendar.transfers import TransferKind
from registry.forms.common import MULTI_LINE
from registry.officers.roles import ALL
from registry.workflow import transfer_proposals
from registry.workflow.actors import officer_actor
from registry.workflow.calendar_changes import catch_stragglers
from registry.workflow.transfer_proposals import Action, TransferProposalView


class TransferProposalRequest(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """``add`` a transfer (``kind`` and ``decree`` required) or ``remove`` the one on ``date``."""

    action: Action
    date: date
    kind: TransferKind | None = None
    decree: Annotated[str, msgspec.Meta(max_length=2000, pattern=MULTI_LINE)] = ""


def _organisation_wide(officer: AuthenticatedOfficer) -> None:
    if ALL not in officer.services:
        raise Problem(
            403,
            "officer_forbidden",
            "the calendar is changed by heads of every service (services '*')",
        )


class CalendarTransferController(Controller):
    path = "/v1/admin/calendar-transfers"
    tags = ["calendar"]
    guards = [require_officer_role("head")]
    dependencies = OFFICER_DEPENDENCY

    @get("/proposals", summary="Decree transfer changes waiting for a second head")
    async def proposals(self, resources: SharedResources) -> list[TransferProposalView]:
        async with resources.sessions() as session:
            return await transfer_proposals.pending_proposals(session)

    @post(
        "/proposals",
        status_code=201,
        summary="Propose adding or removing a decree transfer (a second head confirms)",
    )
    async def propose(
        self,
        resources: SharedResources,
        officer: Officer,
        data: Annotated[TransferProposalRequest, Body(title="Transfer change")],
    ) -> TransferProposalView:
        _organisation_wide(officer)
        async with resources.sessions() as session, session.begin():
            return await transfer_proposals.propose(
                session, officer, data.action, data.date, data.kind, data.decree,
                datetime.now(UTC),
            )  # fmt: skip

    @post(
        "/proposals/{proposal_id:uuid}/confirmation",
        status_code=200,
        summary="Confirm another head's proposal: the table changes and due times follow",
    )
    async def confirm(
        self, resources: SharedResources, officer: Officer, proposal_id: FromPath[uuid.UUID]
    ) -> TransferProposalView:
        _organisation_wide(officer)
        async with resources.sessions() as session, session.begin():
            view, outcome = await transfer_proposals.confirm(
                session, proposal_id, officer, datetime.now(UTC)
            )
        late = await catch_stragglers(resources.sessions, outcome, officer_actor(officer).label)
        touched = sorted({moved.application_id for moved in [*outcome.moved, *late]})
        if touched:
            await invalidate_status(resources.redis, *touched)
        return msgspec.structs.replace(view, moved=view.moved + late)
