"""Each form's validate_form: every cross-field check has a failing case."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import msgspec
import pytest

from registry.declarant_certificate.forms import _add_months
from registry.domains import FORMS
from registry.forms.envelope import decode_application
from tests.forms.helpers import example, pointers_of

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    """A mutation that sets the value at a slash path inside the form."""

    def mutate(form: dict[str, Any]) -> None:
        *parents, last = path.strip("/").split("/")
        target: Any = form
        for token in parents:
            target = target[int(token)] if isinstance(target, list) else target[token]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(form: dict[str, Any]) -> None:
        *parents, last = path.strip("/").split("/")
        target: Any = form
        for token in parents:
            target = target[int(token)] if isinstance(target, list) else target[token]
        del target[last]

    return mutate


def _both(*mutations: Mutation) -> Mutation:
    def mutate(form: dict[str, Any]) -> None:
        for mutation in mutations:
            mutation(form)

    return mutate


CASES: list[tuple[str, str, Mutation, str]] = [
    # S1 customs-release
    ("customs-release", "net>gross", _set("/goods/0/net_mass_kg", 70.0), "/goods/0/net_mass_kg"),
    ("customs-release", "numbering", _set("/goods/1/item_number", 3), "/goods/1/item_number"),
    ("customs-release", "duplicate item", _set("/goods/1/item_number", 1), "/goods/1/item_number"),
    (
        "customs-release",
        "item currency",
        _set("/goods/1/invoice_value/currency", "EUR"),
        "/goods/1/invoice_value/currency",
    ),
    (
        "customs-release",
        "invoice total",
        _set("/invoice_total/amount", "14000.00"),
        "/invoice_total/amount",
    ),
    (
        "customs-release",
        "export procedure on import",
        _set("/customs_procedure_code", "10"),
        "/customs_procedure_code",
    ),
    (
        "customs-release",
        "import procedure on export",
        _both(
            _set("/direction", "EK"),
            _set("/dispatch_country", "KZ"),
            _set("/destination_country", "CN"),
        ),
        "/customs_procedure_code",
    ),
    (
        "customs-release",
        "import elsewhere",
        _set("/destination_country", "RU"),
        "/destination_country",
    ),
    (
        "customs-release",
        "declarant two numbers",
        _set("/declarant/iin", "871008401427"),
        "/declarant",
    ),
    (
        "customs-release",
        "box 44 item reference",
        _set("/documents/0/item_numbers", [1, 5]),
        "/documents/0/item_numbers/1",
    ),
    (
        "customs-release",
        "duplicate preference",
        _set(
            "/goods/0/preferences",
            [
                {"payment_type_code": "2010", "code": "ОО"},
                {"payment_type_code": "2010", "code": "ОП"},
            ],
        ),
        "/goods/0/preferences",
    ),
    # S2 declarant-certificate
    ("declarant-certificate", "under 18", _set("/birth_date", "2010-01-01"), "/birth_date"),
    ("declarant-certificate", "exam in the past", _set("/exam_date", "2025-03-01"), "/exam_date"),
    (
        "declarant-certificate",
        "id issued later",
        _set("/identity_document/issue_date", "2025-04-01"),
        "/identity_document/issue_date",
    ),
    (
        "declarant-certificate",
        "re-application within a month",
        _set("/previous_exam_date", "2025-02-10"),
        "/application_date",
    ),
    # S3–S7 precious metals
    (
        "pm-special-registration",
        "operation twice",
        _set("/operations", ["refining", "refining"]),
        "/operations/1",
    ),
    ("pm-special-registration", "metal twice", _set("/metals", ["gold", "gold"]), "/metals/1"),
    (
        "pm-special-registration",
        "registered later",
        _set("/state_registration/date", "2026-01-01"),
        "/state_registration/date",
    ),
    (
        "pm-special-registration",
        "no number",
        _delete("/applicant/bin"),
        "/applicant",
    ),
    (
        "pm-extraction-feasibility",
        "metal twice in an item",
        _set(
            "/raw_goods/0/metal_contents",
            [{"metal": "gold", "grams_per_tonne": 1.0}, {"metal": "gold", "grams_per_tonne": 2.0}],
        ),
        "/raw_goods/0/metal_contents",
    ),
    (
        "pm-extraction-feasibility",
        "assay after application",
        _set("/assay_report/date", "2025-03-01"),
        "/assay_report/date",
    ),
    (
        "pm-processing-infeasibility",
        "processing at home",
        _set("/processing_country", "KZ"),
        "/processing_country",
    ),
    (
        "pm-processing-infeasibility",
        "processor elsewhere",
        _set("/processor/address/country", "JP"),
        "/processor/address/country",
    ),
    (
        "pm-export-act",
        "EAEU destination",
        _set("/destination_country", "RU"),
        "/destination_country",
    ),
    ("pm-export-act", "numbering", _set("/goods/0/item_number", 2), "/goods/0/item_number"),
    ("pm-export-act", "net>gross", _set("/goods/0/net_mass_kg", 13.0), "/goods/0/net_mass_kg"),
    ("pm-import-act", "EAEU dispatch", _set("/dispatch_country", "BY"), "/dispatch_country"),
    (
        "pm-import-act",
        "two currencies",
        lambda form: form["goods"].append(
            {**form["goods"][0], "item_number": 2, "value": {"amount": "10.00", "currency": "EUR"}}
        ),
        "/goods",
    ),
    # S8 reexport-permit
    ("reexport-permit", "from KZ", _set("/dispatch_country", "KZ"), "/dispatch_country"),
    ("reexport-permit", "to KZ", _set("/destination_country", "KZ"), "/destination_country"),
    (
        "reexport-permit",
        "same countries",
        _set("/destination_country", "UZ"),
        "/destination_country",
    ),
    (
        "reexport-permit",
        "two currencies",
        lambda form: form["goods"].append(
            {**form["goods"][0], "value": {"amount": "10.00", "currency": "EUR"}}
        ),
        "/goods",
    ),
    (
        "reexport-permit",
        "contract not the basis",
        _set("/contract_document/number", "RX-2025-020"),
        "/contract_document/number",
    ),
    (
        "reexport-permit",
        "legal entity with bin and branch bin",
        _set("/applicant/bin", "940140000385"),
        "/applicant",
    ),
    (
        "reexport-permit",
        "legal entity with iin",
        _set("/applicant/iin", "871008401427"),
        "/applicant/iin",
    ),
    (
        "reexport-permit",
        "legal entity without registration",
        _delete("/information/state_registration"),
        "/information/state_registration",
    ),
    (
        "reexport-permit",
        "individual without iin",
        _both(_set("/applicant/kind", "individual"), _delete("/applicant/branch_bin")),
        "/applicant/iin",
    ),
    (
        "reexport-permit",
        "individual without identity document",
        _both(
            _set("/applicant/kind", "individual"),
            _delete("/applicant/branch_bin"),
            _set("/applicant/iin", "871008401427"),
        ),
        "/information/identity_document",
    ),
    (
        "reexport-permit",
        "licence after application",
        _set("/information/previous_export_licence/issue_date", "2025-03-01"),
        "/information/previous_export_licence/issue_date",
    ),
]


@pytest.mark.parametrize(
    ("code", "mutation", "pointer"),
    [
        pytest.param(code, mutation, pointer, id=f"{code}: {name}")
        for code, name, mutation, pointer in CASES
    ],
)
def test_consistency_check_fails(code: str, mutation: Mutation, pointer: str) -> None:
    document = example(code)
    mutation(document["form"])
    assert "/form" + pointer in pointers_of(document)


def test_reapplication_after_a_month_is_accepted() -> None:
    document = example("declarant-certificate")
    document["form"]["previous_exam_date"] = "2025-02-03"  # application 2025-03-03: exactly a month

    assert (
        decode_application(msgspec.json.encode(document), FORMS).service == "declarant-certificate"
    )


def test_month_arithmetic_clamps_to_the_end_of_month() -> None:
    assert _add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert _add_months(datetime.date(2025, 12, 15), 1) == datetime.date(2026, 1, 15)
