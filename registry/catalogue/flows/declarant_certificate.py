"""S2 (001): the qualification certificate of a customs declaration specialist, as data.

received ─register→ head_review ─approve→ unit_head_review ─assign→ exam_preparation
─admit→ exam_scheduled ─exam_held→ exam_results ─pass→ certificate_preparation ─submit→
signature ─approve→ signing ─signed→ issue ─issue→ issued | refused.

Refusals, where 001 allows them:

* at registration, automatically: a candidate who failed an exam less than one month before
  (001 p.6(5)) — ``refuse_retake`` straight to the signer (ground ``reapplication_too_early``);
* at ``exam_preparation`` the executor reviews the documents (p.9(4)): ``refuse`` with
  ``documents_incomplete`` or ``requirements_not_met``;
* at ``exam_results`` the software's score decides: under 60 % is ``fail`` (``exam_failed``).

The head and the unit head only forward the application (p.9(2), p.9(3) give them no
refusal). ``admit``, ``exam_held``, ``pass`` and ``fail`` are the exam module's transitions
(role ``system``): an officer takes them through ``/v1/officer/exam-sessions`` — which
reserves the seat, draws up the protocol or scores the answers in the same transaction — and
never through the generic decisions endpoint, which would skip those facts. The events still
name the officer. The result of a pass is built when the score is recorded (it carries the
certificate and badge numbers); there is no ``return`` from the signature: nothing in the
certificate is the executor's to rework.
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
from registry.catalogue.model import LocalizedText as T
from registry.catalogue.model import Status, Step, Transition

EXAM_SCHEDULED = Status(
    code="exam_scheduled",
    names=T(
        kk="Біліктілік емтиханына жіберілді, емтиханды күтуде",
        ru="Допущен к квалификационному экзамену, ожидает экзамена",
        en="Admitted to the qualification exam, waiting for it",
    ),
)


def declarant_statuses(steps: tuple[Step, ...]) -> tuple[Status, ...]:
    """Every status in flow order: a step's status is open while the step is (registration is
    intake's), with the wait for the exam and the signing in between."""
    by_code = {status.code: status for status in step_statuses(steps, skip=("registration",))}
    order = (
        "head_review", "unit_head_review", "exam_preparation", EXAM_SCHEDULED.code,
        "exam_results", "certificate_preparation", "signature", SIGNING.code, "issue",
    )  # fmt: skip
    known = {**by_code, EXAM_SCHEDULED.code: EXAM_SCHEDULED, SIGNING.code: SIGNING}
    return (RECEIVED, *(known[code] for code in order), ISSUED, REFUSED)


DECLARANT_TRANSITIONS: tuple[Transition, ...] = (
    Transition(action="register", source="received", target="head_review", roles=("system",)),
    Transition(
        action="refuse_retake", source="received", target="signature", roles=("system",),
        effect="result_refused",
    ),
    Transition(
        action="approve", source="head_review", target="unit_head_review", roles=("head",)
    ),
    Transition(
        action="assign", source="unit_head_review", target="exam_preparation",
        roles=("unit_head",), effect="executor_assigned",
    ),
    Transition(
        action="refuse", source="exam_preparation", target="signature", roles=("executor",),
        effect="result_refused",
    ),
    Transition(
        action="admit", source="exam_preparation", target=EXAM_SCHEDULED.code,
        roles=("system",),
    ),
    Transition(
        action="exam_held", source=EXAM_SCHEDULED.code, target="exam_results", roles=("system",)
    ),
    Transition(
        action="pass", source="exam_results", target="certificate_preparation",
        roles=("system",), effect="result_approved",
    ),
    Transition(
        action="fail", source="exam_results", target="signature", roles=("system",),
        effect="result_refused",
    ),
    Transition(
        action="submit", source="certificate_preparation", target="signature",
        roles=("executor",),
    ),
    Transition(
        action="approve", source="signature", target=SIGNING.code, roles=("signer",),
        effect="signer_approval",
    ),
    Transition(action="signed", source=SIGNING.code, target="issue", roles=("system",)),
    *issue_transitions("issue"),
)  # fmt: skip
