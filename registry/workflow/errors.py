"""Why a workflow action was not taken (codes and kinds; the gateway maps them to problems)."""

from __future__ import annotations

from registry.errors import DomainError, Kind


class ApplicationNotFoundError(DomainError):
    code = "application_not_found"
    kind = Kind.NOT_FOUND


class InvalidTransitionError(DomainError):
    """No transition of the service leaves the current status with this action."""

    code = "invalid_transition"
    kind = Kind.CONFLICT


class RoleNotAllowedError(DomainError):
    code = "role_not_allowed"
    kind = Kind.FORBIDDEN


class TaskNotFoundError(DomainError):
    code = "task_not_found"
    kind = Kind.NOT_FOUND


class TaskAssignedElsewhereError(DomainError):
    code = "task_assigned_elsewhere"
    kind = Kind.CONFLICT


class FourEyesError(DomainError):
    """Whoever prepared a result cannot also sign it."""

    code = "four_eyes"
    kind = Kind.CONFLICT


class InvalidDecisionError(DomainError):
    """The decision's data is incomplete or wrong (e.g. refusal without a known ground)."""

    code = "invalid_decision"
    kind = Kind.INVALID
