"""Each kind of selectivity rule fires on its field; the most severe fired corridor wins."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from registry.customs_release.risk import select_corridor
from registry.customs_release.risk.errors import RiskRuleExistsError, RiskRuleInvalidError
from registry.customs_release.risk.model import RuleView
from registry.customs_release.risk.repository import NewRule, add_rule, disable_rule, list_lanes
from registry.customs_release.risk.rules import fires, value_control_minimum
from registry.customs_release.risk.selection import decide
from tests.customs.control.declarations import example, form_of

SEED = 20261123
APPLICATION = uuid.UUID("00000000-0000-4000-8000-000000000001")


async def _add(
    session: AsyncSession, code: str, kind: str, value: str | None, corridor: str, *forms: str
) -> None:
    rule = NewRule(
        code=code, kind=kind, value=value, corridor=corridor,  # type: ignore[arg-type]
        forms_of_control=list(forms), description=f"test {code}",
    )  # fmt: skip
    await add_rule(session, rule, actor="test")


async def test_the_example_fires_no_seeded_rule(session: AsyncSession) -> None:
    data, _ = example()
    selection = await select_corridor(session, APPLICATION, form_of(data), seed=SEED)
    assert selection.fired_rules == [] and selection.random_draw is not None


@pytest.mark.parametrize(
    ("kind", "value", "edit"),
    [
        ("hs_prefix", "940330", None),
        ("origin_country", "TR", ("goods", 1, "origin_country", "TR")),
        ("dispatch_country", "TR", ("dispatch_country", "TR")),
        ("declarant", "940140000385", None),
        ("representative", "051140004460", "representative"),
    ],
)
async def test_each_field_rule_fires_on_its_field(
    session: AsyncSession, kind: str, value: str, edit: object
) -> None:
    data, _ = example()
    await _add(session, "T-FIELD", kind, value, "yellow", "documentary_control")
    if kind in ("origin_country", "dispatch_country", "representative"):
        # Without the edit the rule must stay silent: it reads its own field only.
        quiet = await select_corridor(session, APPLICATION, form_of(data), seed=SEED)
        assert "T-FIELD" not in quiet.fired_rules
    if edit == "representative":
        data["customs_representative"] = {
            "bin": value, "name": "Broker LLP", "register_number": "0012/2",
            "agreement_number": "B-7", "agreement_date": "2025-01-10",
        }  # fmt: skip
    elif isinstance(edit, tuple) and len(edit) == 2:
        data[edit[0]] = edit[1]
    elif isinstance(edit, tuple):
        data[edit[0]][edit[1]][edit[2]] = edit[3]
    selection = await select_corridor(session, APPLICATION, form_of(data), seed=SEED)
    assert selection.fired_rules == ["T-FIELD"]
    assert selection.corridor == "yellow"
    assert selection.forms_of_control == ["documentary_control"]
    assert selection.random_draw is None and "T-FIELD" in selection.reason


async def test_value_per_kg_below_the_value_control_table(session: AsyncSession) -> None:
    data, _ = example()
    # Laptops: 44 kg net; the seeded table wants at least 20,000 KZT/kg for 8471 (880,000).
    data["goods"][0]["customs_value_kzt"] = "879999.00"
    selection = await select_corridor(session, APPLICATION, form_of(data), seed=SEED)
    assert selection.fired_rules == ["R-VALUE-MIN"]
    assert selection.corridor == "yellow"
    assert selection.forms_of_control == ["documentary_control", "customs_value_check"]

    data["goods"][0]["customs_value_kzt"] = "880000.00"  # exactly the minimum: not below
    selection = await select_corridor(session, APPLICATION, form_of(data), seed=SEED)
    assert selection.fired_rules == []


async def test_value_per_kg_rule_limited_to_an_hs_prefix(session: AsyncSession) -> None:
    data, _ = example()
    data["goods"][0]["customs_value_kzt"] = "100000.00"
    await disable_rule(session, "R-VALUE-MIN", actor="test")
    await _add(session, "T-VALUE-9403", "value_per_kg", "9403", "red", "inspection")
    selection = await select_corridor(session, APPLICATION, form_of(data), seed=SEED)
    assert selection.fired_rules == []  # the under-valued item is not furniture
    data["goods"][1]["customs_value_kzt"] = "500000.00"  # 1,316 KZT/kg < 1,500 for 9403
    selection = await select_corridor(session, APPLICATION, form_of(data), seed=SEED)
    assert selection.fired_rules == ["T-VALUE-9403"] and selection.corridor == "red"


def test_the_longest_value_control_prefix_applies() -> None:
    table = {"84": Decimal(10), "8471": Decimal(20000), "847130": Decimal(30000)}
    assert value_control_minimum("8471300000", table) == Decimal(30000)
    assert value_control_minimum("8471410000", table) == Decimal(20000)
    assert value_control_minimum("8401000000", table) == Decimal(10)
    assert value_control_minimum("9403000000", table) is None


async def test_the_most_severe_fired_corridor_wins(session: AsyncSession) -> None:
    data, _ = example()
    await _add(session, "T-GREEN", "declarant", "940140000385", "green")
    await _add(session, "T-BLUE", "origin_country", "CN", "blue", "post_clearance_audit")
    await _add(session, "T-YELLOW", "hs_prefix", "9403", "yellow", "documentary_control")
    await _add(session, "T-RED", "hs_prefix", "8471", "red", "inspection", "expertise")
    expected = [("red", "T-RED"), ("yellow", "T-YELLOW"), ("blue", "T-BLUE"), ("green", "T-GREEN")]
    for corridor, code in expected:
        selection = await select_corridor(session, APPLICATION, form_of(data), seed=SEED)
        assert selection.corridor == corridor
        assert selection.random_draw is None
        await disable_rule(session, code, actor="test")
    selection = await select_corridor(session, APPLICATION, form_of(data), seed=SEED)
    assert selection.fired_rules == [] and selection.random_draw is not None


async def test_forms_of_control_are_the_union_and_a_bare_rule_gets_lane_defaults(
    session: AsyncSession,
) -> None:
    lanes = await list_lanes(session)

    def rule(code: str, corridor: str, *forms: str) -> RuleView:
        return RuleView(
            code=code, kind="hs_prefix", value="84", corridor=corridor,  # type: ignore[arg-type]
            forms_of_control=list(forms), description="",
        )  # fmt: skip

    both = decide(
        [rule("A", "yellow", "documentary_control"), rule("B", "red", "inspection")], lanes, None
    )
    assert both.corridor == "red"
    assert both.forms_of_control == ["documentary_control", "inspection"]
    assert both.fired_rules == ["A", "B"]
    bare = decide([rule("C", "red")], lanes, None)
    red = next(lane for lane in lanes if lane.corridor == "red")
    assert bare.forms_of_control == red.default_forms != []


def test_rule_kinds_read_only_their_field() -> None:
    data, _ = example()
    form = form_of(data)
    tr = RuleView(code="X", kind="origin_country", value="TR", corridor="red",
                  forms_of_control=[], description="")  # fmt: skip
    cn = RuleView(code="Y", kind="dispatch_country", value="CN", corridor="red",
                  forms_of_control=[], description="")  # fmt: skip
    assert not fires(tr, form, {}) and fires(cn, form, {})


async def test_rules_are_validated_and_codes_never_reused(session: AsyncSession) -> None:
    with pytest.raises(RiskRuleInvalidError, match="country"):
        await _add(session, "T-BAD", "origin_country", "QQ", "red", "inspection")
    with pytest.raises(RiskRuleInvalidError, match="HS prefix"):
        await _add(session, "T-BAD", "hs_prefix", "84A", "red", "inspection")
    with pytest.raises(RiskRuleInvalidError, match="forms of control"):
        await _add(session, "T-BAD", "hs_prefix", "84", "red", "x_ray_dance")
    with pytest.raises(RiskRuleInvalidError, match="BIN"):
        await _add(session, "T-BAD", "declarant", "12345", "red")
    with pytest.raises(RiskRuleExistsError):
        await _add(session, "R-HS-93", "hs_prefix", "93", "red", "inspection")
