"""Import duty and VAT of a declaration, from its customs values and the rate tables.

Per goods item: duty (payment type 2010) = customs value × the ad valorem rate of the longest
HS prefix in ``customs_duty_rates`` (the empty prefix is the default); VAT (5010) = (customs
value + duty) × the VAT rate in force on the assessment day (``customs_vat_rates``). A
preference claimed for a payment type (box 36) exempts the item from that payment only when
its code is in the classifier and marked ``exempts`` (``customs_preferences``): a made-up code
exempts nothing. Whether the preference is due is for the officer: the risk system sends every
declaration claiming one to documentary control. Amounts are rounded half-up to the
tiyn per item and payment. Exports (``EK``) owe neither here: export VAT is zero-rated and
export duties apply to few goods, which this table does not model.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.customs_release.forms import CustomsReleaseForm
from registry.customs_release.preferences import classifier
from registry.customs_release.prefixes import longest_prefix
from registry.forms.common import to_decimal
from registry.models import DutyRate, VatRate

DUTY = "2010"
VAT = "5010"
TIYN = Decimal("0.01")


class PaymentLine(msgspec.Struct, frozen=True, kw_only=True):
    """One payment of one goods item (box 47 line)."""

    item_number: int
    type_code: str
    base: str  # decimal strings: JSON keeps them exact
    rate: str
    amount: str
    exempt: bool = False


class Assessment(msgspec.Struct, frozen=True, kw_only=True):
    lines: list[PaymentLine]
    total: str
    vat_rate: str

    @property
    def amount(self) -> Decimal:
        return Decimal(self.total)


def _money(value: Decimal) -> Decimal:
    return value.quantize(TIYN, rounding=ROUND_HALF_UP)


def duty_rate(rates: Mapping[str, Decimal], hs_code: str) -> Decimal:
    """The rate of the longest prefix of ``hs_code`` in ``rates`` (``""`` = default, else 0)."""
    rate = longest_prefix(rates, hs_code)
    return Decimal(0) if rate is None else rate


def assess(
    form: CustomsReleaseForm,
    duty_rates: Mapping[str, Decimal],
    vat: Decimal,
    *,
    exempting: Collection[str],
) -> Assessment:
    """The payments ``form`` owes at the given rates; a preference exempts its payment type
    only when its code is in ``exempting`` (pure: see :func:`assess_declaration`)."""
    lines: list[PaymentLine] = []
    if form.direction == "EK":
        return Assessment(lines=[], total="0.00", vat_rate=str(vat))
    for item in form.goods:
        exempt = {
            preference.payment_type_code
            for preference in item.preferences
            if preference.code in exempting
        }
        value = to_decimal(item.customs_value_kzt)
        duty = _line(item.item_number, DUTY, value, duty_rate(duty_rates, item.hs_code), exempt)
        lines.append(duty)
        # VAT is charged on the customs value plus the duty.
        lines.append(_line(item.item_number, VAT, value + Decimal(duty.amount), vat, exempt))
    total = sum((Decimal(line.amount) for line in lines), Decimal(0))
    return Assessment(lines=lines, total=str(_money(total)), vat_rate=str(vat))


def _line(
    item_number: int, type_code: str, base: Decimal, rate: Decimal, exempt: Collection[str]
) -> PaymentLine:
    """One payment of an item: ``base`` times ``rate``, nothing when a preference exempts it."""
    amount = Decimal(0) if type_code in exempt else _money(base * rate)
    return PaymentLine(
        item_number=item_number,
        type_code=type_code,
        base=str(_money(base)),
        rate=str(rate),
        amount=str(_money(amount)),
        exempt=type_code in exempt,
    )


async def vat_rate_on(session: AsyncSession, day: date) -> Decimal:
    rate = await session.scalar(
        select(VatRate.rate)
        .where(VatRate.valid_from <= day)
        .order_by(VatRate.valid_from.desc())
        .limit(1)
    )
    if rate is None:
        raise LookupError(f"no VAT rate in force on {day.isoformat()}")
    return rate


async def assess_declaration(
    session: AsyncSession, form: CustomsReleaseForm, day: date
) -> Assessment:
    """The payments ``form`` owes at the rates of the tables on ``day``."""
    rows = (await session.execute(select(DutyRate.hs_prefix, DutyRate.rate))).all()
    rates = {prefix: rate for prefix, rate in rows}
    known = await classifier(session) if any(item.preferences for item in form.goods) else {}
    exempting = {code for code, exempts in known.items() if exempts}
    return assess(form, rates, await vat_rate_on(session, day), exempting=exempting)
