"""Why an S8 step could not be taken (problem codes; titles in gateway/problems.py)."""

from __future__ import annotations

from registry.workflow.errors import WorkflowError


class AgencyRequestNotFoundError(WorkflowError):
    """No such request, or it is another agency's (they look the same to the caller)."""

    code = "agency_request_not_found"
    status = 404


class AgencyRequestAnsweredError(WorkflowError):
    """An answer is recorded once; a correction is a matter for the officers."""

    code = "agency_request_answered"


class GuaranteeNotConfirmedError(WorkflowError):
    """A permit needs the importing country's guarantee confirmed (004 p.10, p.13)."""

    code = "guarantee_not_confirmed"


class NegativeAgencyAnswerError(WorkflowError):
    """An export-control agency disagreed: the permit can only be refused (ground g03)."""

    code = "negative_agency_answer"
