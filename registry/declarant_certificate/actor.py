"""Who takes the exam module's transitions: the officer, through the software.

``admit``, ``exam_held``, ``pass`` and ``fail`` have the role ``system`` in the catalogue so
that only this module — which reserves the seat, draws up the protocol or scores the answers
in the same transaction — can take them. The actor is still the officer (events name
``officer:<id>``, results record who prepared them, four eyes holds); the event data carries
the officer's role.
"""

from __future__ import annotations

from registry.models import Application
from registry.workflow.actors import Actor, OfficerIdentity
from registry.workflow.errors import RoleNotAllowedError, TaskAssignedElsewhereError


def exam_actor(officer: OfficerIdentity) -> Actor:
    return Actor(
        kind="officer", id=str(officer.id), role="system", iin=officer.iin, name=officer.name
    )


def check_executor(officer: OfficerIdentity, application: Application) -> None:
    """Only an executor acts on an applicant's exam, and only the application's own one."""
    if officer.role != "executor":
        raise RoleNotAllowedError("the exam of an applicant is the executor's", roles=["executor"])
    if application.executor_id not in (None, officer.id):
        raise TaskAssignedElsewhereError("the application is assigned to another executor")
