"""Rule evaluation: which selectivity rules a declaration fires (pure; no database).

Each kind compares one field of the declaration with the rule's ``value``:

* ``hs_prefix``: some goods item's HS code starts with it;
* ``origin_country``: some goods item originates there (box 34);
* ``dispatch_country``: the country of dispatch (box 15);
* ``declarant``: the declarant's BIN or IIN (box 14);
* ``representative``: the customs representative's BIN (box 54);
* ``value_per_kg``: some goods item's customs value per kilogram of net mass is below the
  minimum of the value-control table for the longest HS prefix matching it (``value``, when
  given, limits the rule to goods under that HS prefix). Items under no prefix of the table are
  not value-controlled.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from registry.customs_release.forms import CustomsReleaseForm, GoodsItem
from registry.customs_release.prefixes import longest_prefix
from registry.customs_release.risk.model import RuleView


def fired_rules(
    rules: Iterable[RuleView], form: CustomsReleaseForm, value_controls: Mapping[str, Decimal]
) -> list[RuleView]:
    """The active ``rules`` whose condition holds for ``form``, in the given order."""
    return [rule for rule in rules if rule.active and fires(rule, form, value_controls)]


def fires(rule: RuleView, form: CustomsReleaseForm, value_controls: Mapping[str, Decimal]) -> bool:
    """Whether one rule's condition holds for ``form``."""
    value = rule.value
    if rule.kind == "hs_prefix":
        return value is not None and any(item.hs_code.startswith(value) for item in form.goods)
    if rule.kind == "origin_country":
        return any(item.origin_country == value for item in form.goods)
    if rule.kind == "dispatch_country":
        return form.dispatch_country == value
    if rule.kind == "declarant":
        return value is not None and value in (form.declarant.bin, form.declarant.iin)
    if rule.kind == "representative":
        representative = form.customs_representative
        return representative is not None and representative.bin == value
    return any(
        below_value_control(item, value_controls)
        for item in form.goods
        if value is None or item.hs_code.startswith(value)
    )


def value_control_minimum(hs_code: str, value_controls: Mapping[str, Decimal]) -> Decimal | None:
    """The minimum customs value per kg for ``hs_code``: the longest matching prefix's."""
    return longest_prefix(value_controls, hs_code, shortest=2)


def value_per_kg(item: GoodsItem) -> Decimal:
    """The item's customs value (tenge) per kilogram of net mass."""
    return Decimal(item.customs_value_kzt) / Decimal(repr(item.net_mass_kg))


def below_value_control(item: GoodsItem, value_controls: Mapping[str, Decimal]) -> bool:
    minimum = value_control_minimum(item.hs_code, value_controls)
    return minimum is not None and item.net_mass_kg > 0 and value_per_kg(item) < minimum
