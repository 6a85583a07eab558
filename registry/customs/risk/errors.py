"""Why a risk-system change was refused; workflow errors, so the gateway maps them to problems."""

from __future__ import annotations

from registry.workflow.errors import WorkflowError


class RiskRuleInvalidError(WorkflowError):
    """The rule's kind, value, corridor or forms of control are not acceptable."""

    code = "risk_rule_invalid"
    status = 422


class RiskRuleExistsError(WorkflowError):
    code = "risk_rule_exists"
    status = 409


class RiskRuleNotFoundError(WorkflowError):
    code = "risk_rule_not_found"
    status = 404


class RiskLaneInvalidError(WorkflowError):
    """Rates outside 0..1, a minimum random rate above the expected rate, random shares that
    add up to more than 1, or a random share for green."""

    code = "risk_lane_invalid"
    status = 422


class RerouteNotAllowedError(WorkflowError):
    """Only an active officer of an authorised role may re-route a declaration."""

    code = "reroute_not_allowed"
    status = 403


class RerouteInvalidError(WorkflowError):
    """An unknown corridor or form of control, a non-green corridor without any, or no reason."""

    code = "reroute_invalid"
    status = 422


class RiskSelectionMissingError(WorkflowError):
    """The declaration has no corridor yet, so there is nothing to re-route."""

    code = "risk_selection_missing"
    status = 409
