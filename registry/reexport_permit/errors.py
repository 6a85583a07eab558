"""Why an S8 step could not be taken (domain errors: registry.errors)."""

from __future__ import annotations

from registry.errors import DomainError, Kind


class AgencyRequestNotFoundError(DomainError):
    """No such request, or it is another agency's (they look the same to the caller)."""

    code = "agency_request_not_found"
    kind = Kind.NOT_FOUND


class AgencyRequestAnsweredError(DomainError):
    """An answer is recorded once; a correction is a matter for the officers."""

    code = "agency_request_answered"
    kind = Kind.CONFLICT


class GuaranteeNotConfirmedError(DomainError):
    """A permit needs the importing country's guarantee confirmed (004 p.10, p.13)."""

    code = "guarantee_not_confirmed"
    kind = Kind.CONFLICT


class NegativeAgencyAnswerError(DomainError):
    """An export-control agency disagreed: the permit can only be refused (ground g03)."""

    code = "negative_agency_answer"
    kind = Kind.CONFLICT
