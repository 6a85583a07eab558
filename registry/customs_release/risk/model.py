"""The risk system's vocabulary: corridors by severity, forms of control, and the views of rules,
lanes and selections that cross module and API boundaries."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

import msgspec

Corridor = Literal["green", "blue", "yellow", "red"]
RuleKind = Literal[
    "hs_prefix", "origin_country", "dispatch_country", "declarant", "representative", "value_per_kg"
]

# Severity decides between fired rules: red > yellow > blue > green. Blue (release, then a
# post-clearance audit) weighs less than yellow (documents checked before release).
SEVERITY: dict[str, int] = {"green": 0, "blue": 1, "yellow": 2, "red": 3}
CORRIDORS: tuple[Corridor, ...] = ("green", "blue", "yellow", "red")

# The forms of customs control the seeds name (000 §3 / 002): each corridor other than green
# comes with some of them. The order is the order they are listed in.
FORMS_OF_CONTROL: tuple[str, ...] = (
    "documentary_control",
    "customs_value_check",
    "benefits_check",
    "prohibitions_check",
    "inspection",
    "expertise",
    "post_clearance_audit",
)


class Selection(msgspec.Struct, frozen=True, kw_only=True):
    """A corridor with its forms of control, and why: the codes of the rules that fired, or the
    random draw (``None`` when rules decided), and a sentence for the officer and the log."""

    corridor: Corridor
    forms_of_control: list[str]
    fired_rules: list[str]
    random_draw: float | None
    reason: str


class RuleView(msgspec.Struct, frozen=True, kw_only=True):
    """A selectivity rule as the evaluator, the CLI and the admin API see it."""

    code: str
    kind: RuleKind
    value: str | None
    corridor: Corridor
    forms_of_control: list[str]
    description: str
    active: bool = True


class LaneView(msgspec.Struct, frozen=True, kw_only=True):
    """ASYCUDA lane parameters of a corridor (shares of declarations, 0..1)."""

    corridor: Corridor
    expected_rate: Decimal
    min_random_rate: Decimal
    default_forms: list[str]


def ordered_forms(forms: set[str] | list[str]) -> list[str]:
    """``forms`` without duplicates, in :data:`FORMS_OF_CONTROL` order (unknown ones last)."""
    known = [form for form in FORMS_OF_CONTROL if form in forms]
    return known + sorted(set(forms) - set(FORMS_OF_CONTROL))
