"""Duties and VAT from the customs value: longest HS prefix, preferences, exports, VAT by date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.customs_release.duties import assess, assess_declaration, duty_rate, vat_rate_on
from registry.customs_release.forms import CustomsReleaseForm
from registry.domains import example_application

RATES = {"": Decimal("0.05"), "94": Decimal("0.08"), "9403": Decimal("0.10")}


def _form(**changes: object) -> CustomsReleaseForm:
    form = example_application("customs-release", bin="940140000385")["form"]
    form.update(changes)
    return msgspec.convert(form, CustomsReleaseForm, strict=False)


def test_the_longest_prefix_gives_the_rate_and_the_empty_prefix_is_the_default() -> None:
    assert duty_rate(RATES, "9403301100") == Decimal("0.10")
    assert duty_rate(RATES, "9401000000") == Decimal("0.08")
    assert duty_rate(RATES, "8471300000") == Decimal("0.05")
    assert duty_rate({}, "8471300000") == Decimal(0)


def test_vat_is_charged_on_the_customs_value_plus_duty_and_preferences_exempt() -> None:
    form = _form()
    assessed = assess(form, RATES, Decimal("0.16"), exempting={"ОО"})
    by_item = {(line.item_number, line.type_code): line.amount for line in assessed.lines}
    # Item 1: 6 180 000.00 at the 5 % default; item 2: 1 236 000.00 at 10 %.
    assert by_item[1, "2010"] == "309000.00"
    assert by_item[1, "5010"] == "1038240.00"  # (6 180 000 + 309 000) × 0.16
    assert by_item[2, "2010"] == "123600.00"
    assert by_item[2, "5010"] == "217536.00"
    assert assessed.total == "1688376.00"

    goods = msgspec.to_builtins(form.goods)
    goods[1]["preferences"] = [{"payment_type_code": "2010", "code": "ОО"}]
    preferred = assess(_form(goods=goods), RATES, Decimal("0.16"), exempting={"ОО"})
    item2 = {line.type_code: line for line in preferred.lines if line.item_number == 2}
    assert item2["2010"].amount == "0.00" and item2["2010"].exempt
    assert item2["5010"].amount == "197760.00"  # 1 236 000 × 0.16, no duty in the base


def test_an_export_owes_nothing_here() -> None:
    form = _form(direction="EK", customs_procedure_code="10", dispatch_country="KZ",
                 destination_country="CN")  # fmt: skip
    assert assess(form, RATES, Decimal("0.16"), exempting={"ОО"}).total == "0.00"


async def test_the_vat_rate_in_force_on_the_day_applies(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        assert await vat_rate_on(session, date(2025, 12, 31)) == Decimal("0.12")
        assert await vat_rate_on(session, date(2026, 1, 1)) == Decimal("0.16")
        assessed = await assess_declaration(session, _form(), date(2026, 11, 23))
    assert assessed.total == "1329936.00"  # the seeded example rates: 8471 0 %, 9403 10 %


def test_a_code_that_does_not_exempt_leaves_the_payment_owed() -> None:
    """Only codes of the classifier marked ``exempts`` zero a payment: a made-up code or a
    deferral (ОТ) changes nothing in the assessment."""
    form = _form()
    owed = assess(form, RATES, Decimal("0.16"), exempting={"ОО"}).total
    goods = msgspec.to_builtins(form.goods)
    for code in ("ОТ", "ZZ"):
        goods[1]["preferences"] = [{"payment_type_code": "2010", "code": code}]
        claimed = assess(_form(goods=goods), RATES, Decimal("0.16"), exempting={"ОО"})
        assert claimed.total == owed
        assert not any(line.exempt for line in claimed.lines)
