"""Why a risk-system change was refused (domain errors: registry.errors)."""

from __future__ import annotations

from registry.errors import DomainError, Kind


class RiskRuleInvalidError(DomainError):
    """The rule's kind, value, corridor or forms of control are not acceptable."""

    code = "risk_rule_invalid"
    kind = Kind.INVALID


class RiskRuleExistsError(DomainError):
    code = "risk_rule_exists"
    kind = Kind.CONFLICT


class RiskRuleNotFoundError(DomainError):
    code = "risk_rule_not_found"
    kind = Kind.NOT_FOUND


class RiskLaneInvalidError(DomainError):
    """Rates outside 0..1, a minimum random rate above the expected rate, random shares that
    add up to more than 1, or a random share for green."""

    code = "risk_lane_invalid"
    kind = Kind.INVALID


class RerouteNotAllowedError(DomainError):
    """Only an active officer of an authorised role may re-route a declaration."""

    code = "reroute_not_allowed"
    kind = Kind.FORBIDDEN


class RerouteInvalidError(DomainError):
    """An unknown corridor or form of control, a non-green corridor without any, or no reason."""

    code = "reroute_invalid"
    kind = Kind.INVALID


class RiskSelectionMissingError(DomainError):
    """The declaration has no corridor yet, so there is nothing to re-route."""

    code = "risk_selection_missing"
    kind = Kind.CONFLICT
