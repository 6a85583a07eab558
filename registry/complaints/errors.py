"""Why a complaint action was refused (domain errors: registry.errors)."""

from __future__ import annotations

from registry.errors import DomainError, Kind


class ComplaintNotFoundError(DomainError):
    code = "complaint_not_found"
    kind = Kind.NOT_FOUND


class ApplicationNotRegisteredError(DomainError):
    """A complaint needs a registered application (an incoming number to refer to)."""

    code = "application_not_registered"
    kind = Kind.CONFLICT


class ComplaintAlreadyDecidedError(DomainError):
    code = "complaint_already_decided"
    kind = Kind.CONFLICT


class SettleTermExpiredError(DomainError):
    """Settling (granting the request) is open only within the settlement term."""

    code = "complaint_settle_term_expired"
    kind = Kind.CONFLICT


class ComplaintNotDecidedError(DomainError):
    """Only a decided complaint has a decision to approve for signature."""

    code = "complaint_not_decided"
    kind = Kind.CONFLICT


class ComplaintDecisionAlreadyApprovedError(DomainError):
    """The decision was already approved for signature (it is being signed, or is signed)."""

    code = "complaint_decision_already_approved"
    kind = Kind.CONFLICT
