"""S8 re-export permit: what the flow does besides moving the status (004 p.12–15).

* ``complete`` (completeness check passed): the requests to the export-control agencies and the
  guarantee confirmation request go out and the clock pauses (registry.reexport_permit.requests);
  with ``QAQPA_SIMULATE_AGENCIES`` an outbox row asks the worker to answer them (local use).
* ``refuse_review`` (incomplete application): the annex-3 refusal of further review. The
  officer lists ``data.missing_documents``; when no ground of the 16 is cited, g05 (materials
  not meeting the legal requirements: the rules' list of documents) is.
* ``approve`` after the risk assessment: every agency agreed and the guarantee is confirmed
  (so the clock runs again); the permit's validity is computed here (1 year, capped by its
  documents) and put into the decision data with the agreeing bodies, for the document.
* ``refuse`` after the risk assessment: ground g03 (negative answer of an approving body) can
  be cited only when an agency answered negatively.
"""

from __future__ import annotations

from registry.calendar import to_local
from registry.models import ReexportRequest
from registry.outbox import Job, enqueue
from registry.reexport_permit.agencies import agency_config
from registry.reexport_permit.documents import MISSING_DOCUMENTS, REVIEW_REFUSAL
from registry.reexport_permit.errors import GuaranteeNotConfirmedError, NegativeAgencyAnswerError
from registry.reexport_permit.grounds import INCOMPLETE_GROUND, NEGATIVE_ANSWER_GROUND
from registry.reexport_permit.requests import send_requests, standing
from registry.reexport_permit.validity import permit_validity
from registry.workflow.actors import Decision
from registry.workflow.errors import InvalidDecisionError
from registry.workflow.hooks import After, Before, Hooks

SYSTEM_DATA_KEYS = frozenset({"valid_until", "capped_by", "agreed_by", REVIEW_REFUSAL})
HOOKS = Hooks()


@HOOKS.after_transition("completeness_check", "complete")
async def send_agency_requests(call: After) -> None:
    config = agency_config()
    await send_requests(call.session, call.application, config, call.actor, call.now)
    if config.simulate:
        payload = {"application_id": str(call.application.id)}
        await enqueue(call.session, Job.SIMULATE_AGENCY_ANSWERS, payload)


@HOOKS.before_transition("completeness_check", "refuse_review")
async def check_review_refusal(call: Before) -> Decision:
    missing = call.decision.data.get(MISSING_DOCUMENTS, [])
    if not isinstance(missing, list) or not all(isinstance(m, str) and m for m in missing):
        raise InvalidDecisionError("data.missing_documents must be a list of document names")
    if not missing and not call.decision.grounds:
        raise InvalidDecisionError(
            "a refusal of further review lists the missing documents or cites grounds"
        )
    return call.with_data(
        {REVIEW_REFUSAL: True, MISSING_DOCUMENTS: missing},
        grounds=call.decision.grounds or [INCOMPLETE_GROUND.code],
    )


def _answer_line(row: ReexportRequest) -> dict[str, object]:
    return {
        "agency": row.agency,
        "answer": row.answer,
        "document_number": row.document_number,
        "document_date": None if row.document_date is None else row.document_date.isoformat(),
    }


@HOOKS.before_transition("risk_assessment", "approve")
async def check_permit(call: Before) -> Decision:
    found = await standing(call.session, call.application.id)
    if found.negative or found.unanswered:
        raise NegativeAgencyAnswerError(
            "every export-control agency must agree before a permit is granted",
            negative=[row.agency for row in found.negative],
            unanswered=[row.agency for row in found.unanswered],
        )
    guarantee = found.guarantee
    if (
        guarantee is None
        or guarantee.answer != "positive"
        or call.application.paused_at is not None
    ):
        raise GuaranteeNotConfirmedError(
            "the foreign ministry has not confirmed the importing country's guarantee",
            answer=None if guarantee is None else guarantee.answer,
        )
    issued_on = to_local(call.now).date()
    validity = permit_validity(issued_on, call.application.form)
    if validity.valid_until <= issued_on:
        raise InvalidDecisionError(
            "a document the permit rests on has expired", document=validity.capped_by
        )
    return call.with_data(
        {
            "valid_until": validity.valid_until.isoformat(),
            "capped_by": validity.capped_by,
            "agreed_by": [_answer_line(row) for row in found.agreed],
        }
    )


@HOOKS.before_transition("risk_assessment", "refuse")
async def check_refusal(call: Before) -> Decision:
    found = await standing(call.session, call.application.id)
    if NEGATIVE_ANSWER_GROUND.code in call.decision.grounds and not found.negative:
        raise InvalidDecisionError(
            f"{NEGATIVE_ANSWER_GROUND.code} needs a negative answer of an export-control agency"
        )
    answers = [_answer_line(row) for row in [*found.agreed, *found.negative]]
    return call.with_data({"answers": answers})
