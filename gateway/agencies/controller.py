"""``/v1/agency/requests``: the S8 requests an agency was sent, and its answers.

An agency is a partner with the ``agency`` scope whose ``agency_code`` (``qaqpa partners create
--agency CODE``, unique among active partners) is its code in ``QAQPA_EXPORT_CONTROL_AGENCIES``
(or ``QAQPA_FOREIGN_MINISTRY_AGENCY``): it sees and answers only its own requests; another
agency's request is a 404 like a missing one. The display name plays no part (anyone may be
called ``knb``); an agency partner without a code gets 403. An answer is one
transaction on the locked application (it may resume the clock or start the risk assessment);
the status cache entry is deleted after commit.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import Body, FromPath, FromQuery
from sqlalchemy import select

from gateway.auth import require_scope
from gateway.dependencies import PARTNER_DEPENDENCY, Partner, SharedResources
from gateway.problems import Problem
from registry.forms.common import MULTI_LINE, SINGLE_LINE
from registry.models import Application, ReexportRequest
from registry.partners.repository import agency_code_of
from registry.reexport_permit.requests import (
    Answer,
    answer_request,
    request_with_application,
)

Agency = NamedDependency[str]


async def current_agency(resources: SharedResources, partner: Partner) -> str:
    """Dependency: the code of the body the partner speaks for, read from its record.

    Read on every request rather than cached with the key: agency traffic is a few requests a
    day, and a code moved to another account takes effect at once.
    """
    async with resources.sessions() as session:
        code = await agency_code_of(session, partner.id)
    if code is None:
        raise Problem(
            403,
            "forbidden",
            "this partner has no agency code (qaqpa partners create --agency CODE)",
        )
    return code


class AgencyAnswer(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """``positive``: the agency agrees (the guarantee is confirmed); ``negative``: it does not."""

    answer: Literal["positive", "negative"]
    text: Annotated[str, msgspec.Meta(max_length=10000, pattern=MULTI_LINE)] | None = None
    document_number: (
        Annotated[str, msgspec.Meta(min_length=1, max_length=128, pattern=SINGLE_LINE)] | None
    ) = None
    document_date: date | None = None


class AgencyRequestView(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    application_id: uuid.UUID
    registration_number: str | None
    applicant_name: str
    kind: Annotated[
        Literal["agency", "guarantee"],
        msgspec.Meta(description="agency: agree or not; guarantee: confirm its authenticity"),
    ]
    agency: str
    requested_at: datetime
    answer: Literal["positive", "negative"] | None
    answer_text: str | None
    document_number: str | None
    document_date: date | None
    answered_at: datetime | None
    form: dict[str, Any] | None = None  # the application form (one request's view only)


def _view(
    request: ReexportRequest, application: Application, *, with_form: bool = False
) -> AgencyRequestView:
    return AgencyRequestView(
        id=request.id,
        application_id=application.id,
        registration_number=application.registration_number,
        applicant_name=application.applicant_name,
        kind="guarantee" if request.kind == "guarantee" else "agency",
        agency=request.agency,
        requested_at=request.requested_at,
        answer="positive"
        if request.answer == "positive"
        else ("negative" if request.answer == "negative" else None),
        answer_text=request.answer_text,
        document_number=request.document_number,
        document_date=request.document_date,
        answered_at=request.answered_at,
        form=application.form if with_form else None,
    )


class AgencyController(Controller):
    path = "/v1/agency"
    tags = ["agencies"]
    guards = [require_scope("agency")]
    dependencies = {**PARTNER_DEPENDENCY, "agency": Provide(current_agency)}

    @get("/requests", summary="The agency's S8 requests, oldest first")
    async def requests(
        self, resources: SharedResources, agency: Agency, answered: FromQuery[bool | None] = None
    ) -> list[AgencyRequestView]:
        query = (
            select(ReexportRequest, Application)
            .join(Application, Application.id == ReexportRequest.application_id)
            .where(ReexportRequest.agency == agency)
            .order_by(ReexportRequest.requested_at, ReexportRequest.id)
            .limit(500)
        )
        if answered is True:
            query = query.where(ReexportRequest.answered_at.is_not(None))
        elif answered is False:
            query = query.where(ReexportRequest.answered_at.is_(None))
        async with resources.sessions() as session:
            rows = (await session.execute(query)).all()
        return [_view(request, application) for request, application in rows]

    @get("/requests/{request_id:uuid}", summary="One request, with the application form")
    async def request(
        self, resources: SharedResources, agency: Agency, request_id: FromPath[uuid.UUID]
    ) -> AgencyRequestView:
        async with resources.sessions() as session:
            found, application = await request_with_application(session, request_id, agency)
            return _view(found, application, with_form=True)

    @post(
        "/requests/{request_id:uuid}/answer",
        status_code=200,
        summary="Answer a request (once): agree or not, or confirm the guarantee or not",
    )
    async def answer(
        self,
        resources: SharedResources,
        agency: Agency,
        request_id: FromPath[uuid.UUID],
        data: Annotated[AgencyAnswer, Body(title="Answer")],
    ) -> AgencyRequestView:
        answer = msgspec.convert(msgspec.to_builtins(data), Answer)

        found, application = await answer_request(
            resources.sessions, resources.redis, request_id, agency, answer, datetime.now(UTC)
        )
        return _view(found, application)
