"""S3–S7 (003): the e-licensing chain, the same for the five precious-metals services.

received ─register→ assignment ─assign→ review ─approve/refuse→ result_preparation ─submit→
signature ─approve→ signing ─signed→ result_registration ─register_result→ issue ─issue→
issued | refused. An applicant the state databases do not know gets the ``applicant_not_found``
notice: received ─refuse_not_found→ signature (no executor involved; 003 5-рәсім). The signer
may send a prepared result back to review (``return``), which cancels it.
"""

from __future__ import annotations

from registry.catalogue.flow import (
    ISSUED,
    RECEIVED,
    REFUSED,
    SIGNING,
    issue_transitions,
    step_statuses,
)
from registry.catalogue.model import Status, Step, Transition


def pm_statuses(steps: tuple[Step, ...]) -> tuple[Status, ...]:
    return (
        RECEIVED,
        *step_statuses(steps, skip=("registration",)),
        SIGNING,
        ISSUED,
        REFUSED,
    )


PM_TRANSITIONS: tuple[Transition, ...] = (
    Transition(action="register", source="received", target="assignment", roles=("system",)),
    Transition(
        action="refuse_not_found", source="received", target="signature", roles=("system",),
        effect="result_refused",
    ),
    Transition(
        action="assign", source="assignment", target="review", roles=("head",),
        effect="executor_assigned",
    ),
    Transition(
        action="approve", source="review", target="result_preparation", roles=("executor",),
        effect="result_approved",
    ),
    Transition(
        action="refuse", source="review", target="result_preparation", roles=("executor",),
        effect="result_refused",
    ),
    Transition(
        action="submit", source="result_preparation", target="signature", roles=("executor",)
    ),
    Transition(
        action="approve", source="signature", target=SIGNING.code, roles=("signer",),
        effect="signer_approval",
    ),
    Transition(
        action="return", source="signature", target="review", roles=("signer",),
        effect="result_cancelled",
    ),
    Transition(
        action="signed", source=SIGNING.code, target="result_registration", roles=("system",)
    ),
    Transition(
        action="register_result", source="result_registration", target="issue", roles=("clerk",)
    ),
    *issue_transitions("issue"),
)  # fmt: skip
