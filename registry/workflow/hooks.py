"""Service-specific checks and follow-ups around a transition, declared by each domain.

The state machine is data (each domain's catalogue entry); some services need more than a
status change at a given transition, in the same transaction: S8 sends the export-control
requests and pauses the clock when the completeness check passes, and checks the agencies'
answers before a permit may be approved. A *before* hook runs after the role check and before
the transition's effect; it may refuse (raise a DomainError) or return the decision to use
(e.g. with data the result document needs). An *after* hook runs once the status, step and
event are written. A *registration* hook picks the first transition of a received application.

A domain collects its hooks in a :class:`Hooks` table of its own (keyed by source status and
action) and hands it to the engine in its :class:`registry.workflow.services.Service`; nothing
is registered globally on import.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from registry.catalogue.model import Transition
from registry.models import Application
from registry.statedb.interface import StateDatabase
from registry.workflow.actors import Actor, Decision

if TYPE_CHECKING:  # the engine imports this module
    from registry.workflow.engine import Moved

BeforeHook = Callable[
    [AsyncSession, Application, Transition, Actor, Decision, datetime], Awaitable[Decision]
]
AfterHook = Callable[
    [AsyncSession, Application, "Moved", Actor, Decision, datetime], Awaitable[None]
]
# A registration hook returns the action to take (and the decision for it) for a received
# application; it may set the registration number itself (registry.workflow.registration).
RegistrationHook = Callable[
    [AsyncSession, Application, StateDatabase], Awaitable[tuple[str, Decision | None]]
]
_Key = tuple[str, str]  # (source status, action)


@dataclass(frozen=True)
class Hooks:
    """One domain's hooks around its transitions, filled by its decorators."""

    before: dict[_Key, BeforeHook] = field(default_factory=dict)
    after: dict[_Key, AfterHook] = field(default_factory=dict)

    def before_transition(self, source: str, *actions: str) -> Callable[[BeforeHook], BeforeHook]:
        def add(hook: BeforeHook) -> BeforeHook:
            for action in actions:
                self.before[source, action] = hook
            return hook

        return add

    def after_transition(self, source: str, *actions: str) -> Callable[[AfterHook], AfterHook]:
        def add(hook: AfterHook) -> AfterHook:
            for action in actions:
                self.after[source, action] = hook
            return hook

        return add
