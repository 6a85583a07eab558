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

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from registry.catalogue.model import Transition
from registry.models import Application
from registry.statedb.interface import StateDatabase
from registry.workflow.actors import Actor, Decision

if TYPE_CHECKING:  # the engine imports this module
    from registry.workflow.engine import Moved


@dataclass(frozen=True)
class Before:
    """What a *before* hook is called with: the transition about to be taken, in the caller's
    transaction, and the decision the actor gave."""

    session: AsyncSession
    application: Application
    transition: Transition
    actor: Actor
    decision: Decision
    now: datetime

    def with_data(self, data: Mapping[str, Any], **changes: Any) -> Decision:
        """The actor's decision with ``data`` added to its data (and any field ``changes``)."""
        return msgspec.structs.replace(
            self.decision, data=self.decision.data | dict(data), **changes
        )


@dataclass(frozen=True)
class After:
    """What an *after* hook is called with: the move just written, in the same transaction."""

    session: AsyncSession
    application: Application
    moved: Moved
    actor: Actor
    decision: Decision
    now: datetime


BeforeHook = Callable[[Before], Awaitable[Decision]]
AfterHook = Callable[[After], Awaitable[None]]
# A registration hook returns the action to take (and the decision for it) for a received
# application; it may set the registration number itself (registry.workflow.registration).
RegistrationHook = Callable[
    [AsyncSession, Application, StateDatabase], Awaitable[tuple[str, Decision | None]]
]
_Key = tuple[str, str]  # (source status, action)
H = TypeVar("H")


@dataclass(frozen=True)
class Hooks:
    """One domain's hooks around its transitions, filled by its decorators."""

    before: dict[_Key, BeforeHook] = field(default_factory=dict)
    after: dict[_Key, AfterHook] = field(default_factory=dict)

    def before_transition(self, source: str, *actions: str) -> Callable[[BeforeHook], BeforeHook]:
        return _adder(self.before, source, actions)

    def after_transition(self, source: str, *actions: str) -> Callable[[AfterHook], AfterHook]:
        return _adder(self.after, source, actions)


def _adder(table: dict[_Key, H], source: str, actions: tuple[str, ...]) -> Callable[[H], H]:
    """A decorator putting its hook into ``table`` under each of ``actions`` from ``source``."""

    def add(hook: H) -> H:
        for action in actions:
            table[source, action] = hook
        return hook

    return add
