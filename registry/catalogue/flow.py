"""Statuses and transitions every service shares: receipt, signing, issue, final outcomes."""

from __future__ import annotations

from registry.catalogue.model import LocalizedText as T
from registry.catalogue.model import Status, Step, Transition

RECEIVED = Status(
    code="received",
    names=T(kk="Қабылданды", ru="Принято", en="Received"),
)
SIGNING = Status(
    code="signing",
    names=T(
        kk="Нәтиже ЭЦҚ-мен қол қоюды күтуде",
        ru="Результат ожидает подписания ЭЦП",
        en="Result awaiting its electronic signature",
    ),
)
ISSUED = Status(
    code="issued",
    names=T(kk="Нәтиже берілді", ru="Результат выдан", en="Result issued"),
    final=True,
)
REFUSED = Status(
    code="refused",
    names=T(
        kk="Дәлелді бас тарту берілді",
        ru="Выдан мотивированный отказ",
        en="Motivated refusal issued",
    ),
    final=True,
)


def step_statuses(steps: tuple[Step, ...], *, skip: tuple[str, ...] = ()) -> tuple[Status, ...]:
    """One status per step ("the step is open"), named as the step."""
    return tuple(
        Status(code=step.code, names=step.names) for step in steps if step.code not in skip
    )


def issue_transitions(last_step: str) -> tuple[Transition, ...]:
    """Handing the signed result over ends in ``issued`` or ``refused`` by the result's outcome."""
    return (
        Transition(
            action="issue",
            source=last_step,
            target=ISSUED.code,
            roles=("clerk",),
            when="approved",
        ),
        Transition(
            action="issue",
            source=last_step,
            target=REFUSED.code,
            roles=("clerk",),
            when="refused",
        ),
    )
