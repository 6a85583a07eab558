"""S8 (004): the re-export permit as a state machine.

received ─register→ completeness_check ─complete→ interagency_requests ─answers_received→
risk_assessment ─approve/refuse→ result_preparation ─submit→ signature ─approve→ signing
─signed→ issued | refused.

* ``refuse_review`` (completeness_check → signature): the motivated refusal of further review
  (annex 3) for an incomplete application; it is signed by the head (the signer role), so it
  skips risk assessment and preparation.
* ``complete`` sends one request per export-control agency and the importer's guarantee to the
  foreign ministry, and pauses the clock (registry.workflow.services.reexport_permit).
* ``answers_received`` is the system's move once every agency has answered; the risk
  assessment (5 working days) starts then. Approval also needs the guarantee confirmed, which
  resumes the clock; until then the paused time does not count against the step or the total.
"""

from __future__ import annotations

from registry.catalogue.flows.common import ISSUED, RECEIVED, REFUSED, SIGNING, step_statuses
from registry.catalogue.model import Status, Step, Transition

SERVICE = "reexport-permit"


def reexport_statuses(steps: tuple[Step, ...]) -> tuple[Status, ...]:
    return (
        RECEIVED,
        *step_statuses(steps, skip=("registration",)),
        SIGNING,
        ISSUED,
        REFUSED,
    )


REEXPORT_TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        action="register", source=RECEIVED.code, target="completeness_check", roles=("system",)
    ),
    Transition(
        action="complete", source="completeness_check", target="interagency_requests",
        roles=("executor",),
    ),
    Transition(
        action="refuse_review", source="completeness_check", target="signature",
        roles=("executor",), effect="result_refused",
    ),
    Transition(
        action="answers_received", source="interagency_requests", target="risk_assessment",
        roles=("system",),
    ),
    Transition(
        action="approve", source="risk_assessment", target="result_preparation",
        roles=("executor",), effect="result_approved",
    ),
    Transition(
        action="refuse", source="risk_assessment", target="result_preparation",
        roles=("executor",), effect="result_refused",
    ),
    Transition(
        action="submit", source="result_preparation", target="signature", roles=("executor",)
    ),
    Transition(
        action="approve", source="signature", target=SIGNING.code, roles=("signer",),
        effect="signer_approval",
    ),
    Transition(
        action="signed", source=SIGNING.code, target=ISSUED.code, roles=("system",),
        when="approved",
    ),
    Transition(
        action="signed", source=SIGNING.code, target=REFUSED.code, roles=("system",),
        when="refused",
    ),
)  # fmt: skip
