"""Service-specific checks and follow-ups around a transition, registered by service modules.

The state machine is data (registry.catalogue.flows); some services need more than a status
change at a given transition, in the same transaction: S8 sends the export-control requests
and pauses the clock when the completeness check passes, and checks the agencies' answers
before a permit may be approved. A *before* hook runs after the role check and before the
transition's effect; it may refuse (raise a DomainError) or return the decision to use (e.g.
with data the result document needs). An *after* hook runs once the status, step and event
are written. Hooks are keyed by (service, source status, action).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from registry.catalogue.model import Transition
from registry.models import Application
from registry.workflow.actors import Actor, Decision

if TYPE_CHECKING:  # the engine imports this module
    from registry.workflow.engine import Moved

BeforeHook = Callable[
    [AsyncSession, Application, Transition, Actor, Decision, datetime], Awaitable[Decision]
]
AfterHook = Callable[
    [AsyncSession, Application, "Moved", Actor, Decision, datetime], Awaitable[None]
]
_Key = tuple[str, str, str]
_BEFORE: dict[_Key, BeforeHook] = {}
_AFTER: dict[_Key, AfterHook] = {}


def before_transition(
    service: str, source: str, *actions: str
) -> Callable[[BeforeHook], BeforeHook]:
    def register(hook: BeforeHook) -> BeforeHook:
        for action in actions:
            _BEFORE[service, source, action] = hook
        return hook

    return register


def after_transition(service: str, source: str, *actions: str) -> Callable[[AfterHook], AfterHook]:
    def register(hook: AfterHook) -> AfterHook:
        for action in actions:
            _AFTER[service, source, action] = hook
        return hook

    return register


async def run_before(
    session: AsyncSession,
    application: Application,
    transition: Transition,
    actor: Actor,
    decision: Decision,
    now: datetime,
) -> Decision:
    hook = _BEFORE.get((application.service, transition.source, transition.action))
    if hook is None:
        return decision
    return await hook(session, application, transition, actor, decision, now)


async def run_after(
    session: AsyncSession,
    application: Application,
    moved: Moved,
    actor: Actor,
    decision: Decision,
    now: datetime,
) -> None:
    hook = _AFTER.get((application.service, moved.source, moved.action))
    if hook is not None:
        await hook(session, application, moved, actor, decision, now)
