"""Why a workflow action was not taken; the gateway turns each into a problem response."""

from __future__ import annotations


class WorkflowError(Exception):
    """Base: ``code`` is the stable problem code, ``status`` the HTTP status."""

    code = "workflow_error"
    status = 409

    def __init__(self, detail: str, **extra: object) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class ApplicationNotFoundError(WorkflowError):
    code = "application_not_found"
    status = 404


class InvalidTransitionError(WorkflowError):
    """No transition of the service leaves the current status with this action."""

    code = "invalid_transition"


class RoleNotAllowedError(WorkflowError):
    code = "role_not_allowed"
    status = 403


class TaskNotFoundError(WorkflowError):
    code = "task_not_found"
    status = 404


class TaskAssignedElsewhereError(WorkflowError):
    code = "task_assigned_elsewhere"


class FourEyesError(WorkflowError):
    """Whoever prepared a result cannot also sign it."""

    code = "four_eyes"


class InvalidDecisionError(WorkflowError):
    """The decision's data is incomplete or wrong (e.g. refusal without a known ground)."""

    code = "invalid_decision"
    status = 422
