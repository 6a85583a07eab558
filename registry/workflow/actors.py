"""Who takes a workflow action: the system (a worker), an officer, an agency, a partner."""

from __future__ import annotations

import uuid
from typing import Literal, Protocol

import msgspec

ActorKind = Literal["system", "officer", "agency", "partner"]


class Actor(msgspec.Struct, frozen=True, kw_only=True):
    kind: ActorKind
    id: str
    role: str  # an officer role, or "system"
    iin: str | None = None
    name: str | None = None

    @property
    def label(self) -> str:
        """How events name the actor: ``officer:<uuid>``, ``system:worker``, ..."""
        return f"{self.kind}:{self.id}"


class OfficerIdentity(Protocol):
    """An officer as the workflow needs one (the model row or the gateway's authenticated view)."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def role(self) -> str: ...
    @property
    def iin(self) -> str: ...
    @property
    def name(self) -> str: ...


def officer_actor(officer: OfficerIdentity) -> Actor:
    return Actor(
        kind="officer", id=str(officer.id), role=officer.role, iin=officer.iin, name=officer.name
    )


SYSTEM = Actor(kind="system", id="worker", role="system")


class Decision(msgspec.Struct, frozen=True, kw_only=True):
    """What an officer decided, beyond the action itself.

    ``grounds`` are refusal-ground codes of the service's catalogue entry; ``text`` is the
    motivation in free text; ``instructions`` say how to remove the grounds; ``data`` carries
    action-specific values (e.g. ``executor_id`` for an assignment).
    """

    grounds: list[str] = []
    text: str | None = None
    instructions: str | None = None
    data: dict[str, object] = {}
