"""Statuses and transitions every service shares: receipt, signing, issue, final outcomes."""

from __future__ import annotations

from registry.catalogue.model import Effect, Outcome, Role, Status, Step, Transition
from registry.catalogue.model import LocalizedText as T

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


# A transition as a row of the state machine's table: action, source, target, the role (or
# roles) that may take it, and its effect where it has one. Moves limited to a result's outcome
# (``when``) are built by the functions below.
Move = (
    tuple[str, str, str, Role | tuple[Role, ...]]
    | tuple[str, str, str, Role | tuple[Role, ...], Effect]
)


def moves(*rows: Move) -> tuple[Transition, ...]:
    """The transitions of the table ``rows`` (see :data:`Move`), in its order."""
    return tuple(_move(row) for row in rows)


def _move(row: Move) -> Transition:
    action, source, target, roles, *effect = row
    return Transition(
        action=action,
        source=source,
        target=target,
        roles=roles if isinstance(roles, tuple) else (roles,),
        effect=effect[0] if effect else None,
    )


def step_statuses(steps: tuple[Step, ...], *, skip: tuple[str, ...] = ()) -> tuple[Status, ...]:
    """One status per step ("the step is open"), named as the step."""
    return tuple(
        Status(code=step.code, names=step.names) for step in steps if step.code not in skip
    )


def signed_result_statuses(steps: tuple[Step, ...]) -> tuple[Status, ...]:
    """Received, one status per step after registration (intake's), then the signing of the
    result and its outcome: the statuses of a service whose steps run in a line."""
    return (RECEIVED, *step_statuses(steps, skip=("registration",)), SIGNING, ISSUED, REFUSED)


def review_transitions(source: str, target: str = "result_preparation") -> tuple[Transition, ...]:
    """The executor's decision in ``source``: the result (permit or refusal) is prepared next."""
    decisions: tuple[tuple[str, Effect], ...] = (
        ("approve", "result_approved"),
        ("refuse", "result_refused"),
    )
    return tuple(
        Transition(action=action, source=source, target=target, roles=("executor",), effect=effect)
        for action, effect in decisions
    )


def signature_transitions(
    *,
    prepared_in: str,
    return_to: str,
    return_when: Outcome | None = "approved",
) -> tuple[Transition, ...]:
    """The executor submits the result prepared in ``prepared_in`` to the ``signature`` step,
    where the signer approves it (the four-eyes check; the result then awaits its EDS) or
    returns it for rework, reopening ``return_to`` (only results with ``return_when``)."""
    return (
        Transition(action="submit", source=prepared_in, target="signature", roles=("executor",)),
        Transition(
            action="approve",
            source="signature",
            target=SIGNING.code,
            roles=("signer",),
            effect="signer_approval",
        ),
        Transition(
            action="return",
            source="signature",
            target=return_to,
            roles=("signer",),
            effect="result_cancelled",
            when=return_when,
        ),
    )


def refusal_returns(*deciding_steps: str) -> tuple[Transition, ...]:
    """The signer returns a draft refusal for rework to the step that decided it: one
    ``return`` per step in ``deciding_steps`` where an officer may refuse, each limited to
    refusals decided there (``decided_in``). For services whose refusals come from more than
    one step, where a single static target could not say which step to reopen."""
    return tuple(
        Transition(
            action="return",
            source="signature",
            target=step,
            roles=("signer",),
            effect="result_cancelled",
            when="refused",
            decided_in=step,
        )
        for step in deciding_steps
    )


def outcome_transitions(
    action: str, source: str, roles: tuple[Role, ...]
) -> tuple[Transition, ...]:
    """``action`` in ``source`` ends in ``issued`` or ``refused`` by the result's outcome."""
    outcomes: tuple[tuple[Status, Outcome], ...] = ((ISSUED, "approved"), (REFUSED, "refused"))
    return tuple(
        Transition(action=action, source=source, target=status.code, roles=roles, when=outcome)
        for status, outcome in outcomes
    )


def issue_transitions(last_step: str) -> tuple[Transition, ...]:
    """Handing the signed result over ends in ``issued`` or ``refused`` by the result's outcome."""
    return outcome_transitions("issue", last_step, ("clerk",))
