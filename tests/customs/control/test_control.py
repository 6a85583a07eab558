"""Format-and-logic control: the example passes; each check reports its code and pointer."""

from __future__ import annotations

from collections.abc import AsyncIterator

import msgspec
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.customs_release.control import ControlError, control_declaration
from registry.customs_release.nomenclature import hs2022_subheadings
from registry.models import NationalSubheading
from tests.customs.control.declarations import example, form_of


@pytest.fixture
async def session(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session whose writes are rolled back, so table rows added here stay here."""
    async with sessions() as session, session.begin():
        yield session
        await session.rollback()


def found(errors: list[ControlError]) -> list[tuple[str, str]]:
    return [(error.code, error.pointer) for error in errors]


async def test_the_example_declaration_passes(session: AsyncSession) -> None:
    data, names = example()
    assert await control_declaration(session, form_of(data), names) == []


async def test_hs_code_whose_first_six_digits_are_not_in_hs_2022(session: AsyncSession) -> None:
    data, names = example()
    data["goods"][1]["hs_code"] = "8471990000"  # 8471.99 does not exist (8471.90 does)
    assert "847199" not in hs2022_subheadings() and "847190" in hs2022_subheadings()
    errors = await control_declaration(session, form_of(data), names)
    assert found(errors) == [("hs_code_unknown", "/goods/1/hs_code")]
    assert "847199" in errors[0].text.en and "847199" in errors[0].text.ru


async def test_hs_2022_novelties_are_known_and_the_pseudo_code_999999_is_not(
    session: AsyncSession,
) -> None:
    data, names = example()
    data["goods"][0]["hs_code"] = "8806100000"  # unmanned aircraft: new in HS 2022
    data["goods"][1]["hs_code"] = "9999990000"
    errors = await control_declaration(session, form_of(data), names)
    assert found(errors) == [("hs_code_unknown", "/goods/1/hs_code")]


async def test_a_national_subheading_makes_a_code_known(session: AsyncSession) -> None:
    data, names = example()
    data["goods"][1]["hs_code"] = "8471990001"
    session.add(NationalSubheading(code="8471990", description="test: national split"))
    await session.flush()
    assert await control_declaration(session, form_of(data), names) == []


async def test_hs_code_of_other_than_ten_digits(session: AsyncSession) -> None:
    data, names = example()
    form = form_of(data)
    item = msgspec.structs.replace(form.goods[0], hs_code="847130")
    form = msgspec.structs.replace(form, goods=[item, form.goods[1]])
    errors = await control_declaration(session, form, names)
    assert found(errors) == [("hs_code_format", "/goods/0/hs_code")]


async def test_values_that_are_not_positive(session: AsyncSession) -> None:
    data, names = example()
    form = form_of(data)
    item = msgspec.structs.replace(form.goods[1], quantity=0.0)
    payment = msgspec.structs.replace(
        form.payments[0], amount=msgspec.structs.replace(form.payments[0].amount, amount="-5")
    )
    form = msgspec.structs.replace(
        form, goods=[form.goods[0], item], payments=[payment, form.payments[1]]
    )
    errors = await control_declaration(session, form, names)
    assert found(errors) == [
        ("value_not_positive", "/goods/1/quantity"),
        ("value_not_positive", "/payments/0/amount/amount"),
    ]


async def test_net_mass_above_gross_mass(session: AsyncSession) -> None:
    data, names = example()
    data["goods"][0]["net_mass_kg"] = 62.5  # gross is 62.0
    errors = await control_declaration(session, form_of(data), names)
    assert found(errors) == [("net_mass_exceeds_gross", "/goods/0/net_mass_kg")]
    assert "62.5" in errors[0].text.en and "62.0" in errors[0].text.kk


async def test_item_currency_other_than_box_22(session: AsyncSession) -> None:
    data, names = example()
    data["goods"][1]["invoice_value"]["currency"] = "EUR"
    errors = await control_declaration(session, form_of(data), names)
    assert found(errors) == [("currency_mismatch", "/goods/1/invoice_value/currency")]
    assert "USD" in errors[0].text.ru and "EUR" in errors[0].text.ru


async def test_invoice_total_other_than_the_items_sum(session: AsyncSession) -> None:
    data, names = example()
    data["invoice_total"]["amount"] = "14500.00"
    errors = await control_declaration(session, form_of(data), names)
    assert found(errors) == [("invoice_total_mismatch", "/invoice_total/amount")]
    assert "14400.00" in errors[0].text.en


async def test_customs_value_out_of_line_with_the_other_items(session: AsyncSession) -> None:
    data, names = example()
    data["goods"][1]["customs_value_kzt"] = "123600.00"  # a zero lost: 51.5 KZT/USD vs 515
    errors = await control_declaration(session, form_of(data), names)
    assert found(errors) == [("customs_value_inconsistent", "/goods/1/customs_value_kzt")]


async def test_customs_value_of_a_tenge_invoice(session: AsyncSession) -> None:
    data, names = example()
    data["invoice_total"] = {"amount": "7416000.00", "currency": "KZT"}
    data["goods"][0]["invoice_value"] = {"amount": "6180000.00", "currency": "KZT"}
    data["goods"][1]["invoice_value"] = {"amount": "1236000.00", "currency": "KZT"}
    assert await control_declaration(session, form_of(data), names) == []
    data["goods"][0]["customs_value_kzt"] = "18540000.00"  # three times the price
    errors = await control_declaration(session, form_of(data), names)
    assert found(errors) == [("customs_value_inconsistent", "/goods/0/customs_value_kzt")]


async def test_currency_code_not_in_iso_4217(session: AsyncSession) -> None:
    data, names = example()
    data["payments"][1]["amount"]["currency"] = "KZX"
    errors = await control_declaration(session, form_of(data), names)
    assert found(errors) == [("currency_unknown", "/payments/1/amount/currency")]


async def test_the_no_currency_code_is_not_money(session: AsyncSession) -> None:
    data, names = example()
    data["payments"][0]["amount"]["currency"] = "XXX"
    errors = await control_declaration(session, form_of(data), names)
    assert found(errors) == [("currency_unknown", "/payments/0/amount/currency")]


async def test_country_code_not_in_iso_3166(session: AsyncSession) -> None:
    data, names = example()
    data["goods"][1]["origin_country"] = "QQ"
    data["consignor"]["address"]["country"] = "XK"  # Kosovo: user-assigned, not ISO 3166-1
    errors = await control_declaration(session, form_of(data), names)
    assert found(errors) == [
        ("country_unknown", "/consignor/address/country"),
        ("country_unknown", "/goods/1/origin_country"),
    ]


def _licence(item_numbers: list[int]) -> dict[str, object]:
    return {
        "item_numbers": item_numbers,
        "code": "01011",
        "number": "LIC-0001",
        "date": "2025-01-20",
        "sha256": "0" * 64,
        "attachment": "contract.pdf",
    }


async def test_permit_missing_for_a_restricted_hs_prefix(session: AsyncSession) -> None:
    data, names = example()
    data["goods"][1]["hs_code"] = "9302000000"  # pistols: seeded prefix 93 needs licence 01011
    data["goods"][1]["customs_value_kzt"] = "1236000.00"
    errors = await control_declaration(session, form_of(data), names)
    assert found(errors) == [("permit_missing", "/goods/1/hs_code")]
    assert "93" in errors[0].text.en and "01011" in errors[0].text.en
    assert "Лицензия" in errors[0].text.ru

    data["documents"].append(_licence([1]))  # a licence, but for the other item
    errors = await control_declaration(session, form_of(data), names)
    assert found(errors) == [("permit_missing", "/goods/1/hs_code")]

    data["documents"][-1] = _licence([2])
    assert await control_declaration(session, form_of(data), names) == []
    data["documents"][-1] = _licence([])  # a document for the whole declaration covers it too
    assert await control_declaration(session, form_of(data), names) == []


async def test_a_permit_for_one_direction_only(session: AsyncSession) -> None:
    data, names = example()
    data["goods"][1]["hs_code"] = "0602900000"  # live plants: seeded for import only
    errors = await control_declaration(session, form_of(data), names)
    assert found(errors) == [("permit_missing", "/goods/1/hs_code")]
    data["direction"] = "EK"
    assert await control_declaration(session, form_of(data), names) == []


async def test_box_44_document_whose_attachment_is_absent(session: AsyncSession) -> None:
    data, names = example()
    errors = await control_declaration(
        session, form_of(data), [name for name in names if name != "cmr.pdf"]
    )
    assert found(errors) == [("attachment_missing", "/documents/2/attachment")]
    assert "cmr.pdf" in errors[0].text.kk


async def test_box_44_document_naming_an_item_that_does_not_exist(session: AsyncSession) -> None:
    data, names = example()
    data["documents"][0]["item_numbers"] = [1, 3]
    errors = await control_declaration(session, form_of(data), names)
    assert found(errors) == [("document_item_unknown", "/documents/0/item_numbers/1")]


async def test_every_text_is_given_in_three_languages(session: AsyncSession) -> None:
    data, _ = example()
    data["goods"][0]["origin_country"] = "QQ"
    data["goods"][0]["net_mass_kg"] = 70.0
    errors = await control_declaration(session, form_of(data), [])
    assert len(errors) == 5  # the mass, the country and three missing attachments
    for error in errors:
        texts = [error.text.kk, error.text.ru, error.text.en]
        assert all(texts) and len(set(texts)) == 3


async def test_a_preference_code_outside_the_classifier_is_refused(session: AsyncSession) -> None:
    data, names = example()
    data["goods"][0]["preferences"] = [{"payment_type_code": "5010", "code": "ОО"}]
    data["goods"][1]["preferences"] = [
        {"payment_type_code": "2010", "code": "РС"},
        {"payment_type_code": "5010", "code": "XX"},
    ]
    errors = await control_declaration(session, form_of(data), names)
    assert found(errors) == [("preference_unknown", "/goods/1/preferences/1/code")]
    assert "XX" in errors[0].text.kk and "графе 36" in errors[0].text.ru
