"""Why a complaint action was refused; workflow errors, so the gateway maps them the same way."""

from __future__ import annotations

from registry.workflow.errors import WorkflowError


class ComplaintNotFoundError(WorkflowError):
    code = "complaint_not_found"
    status = 404


class ApplicationNotRegisteredError(WorkflowError):
    """A complaint needs a registered application (an incoming number to refer to)."""

    code = "application_not_registered"


class ComplaintAlreadyDecidedError(WorkflowError):
    code = "complaint_already_decided"


class SettleTermExpiredError(WorkflowError):
    """Settling (granting the request) is open only within the settlement term."""

    code = "complaint_settle_term_expired"


class ComplaintNotDecidedError(WorkflowError):
    """Only a decided complaint has a decision to approve for signature."""

    code = "complaint_not_decided"


class ComplaintDecisionAlreadyApprovedError(WorkflowError):
    """The decision was already approved for signature (it is being signed, or is signed)."""

    code = "complaint_decision_already_approved"
