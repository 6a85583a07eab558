"""decode_application: one exception type, exact RFC 6901 pointers."""

from __future__ import annotations

import base64
import hashlib

import msgspec
import pytest

from registry.domains import FORMS
from registry.forms.envelope import (
    decode_application,
    escape_token,
    msgspec_path_to_pointer,
    msgspec_problem,
)
from tests.forms.helpers import errors_of, example, pointers_of


def test_unknown_service() -> None:
    document = example("customs-release")
    document["service"] = "fishing-licence"
    code, errors = errors_of(document)
    assert code == "unknown_service"
    assert errors == [{"pointer": "/service", "message": "unknown service 'fishing-licence'"}]


def test_bad_hs_code_points_into_the_form() -> None:
    document = example("customs-release")
    document["form"]["goods"][0]["hs_code"] = "847130"
    code, errors = errors_of(document)
    assert code == "validation_error"
    assert [error["pointer"] for error in errors] == ["/form/goods/0/hs_code"]
    assert "regex" in errors[0]["message"]
    assert " - at " not in errors[0]["message"]


def test_bad_currency() -> None:
    document = example("customs-release")
    document["form"]["invoice_total"]["currency"] = "usd"
    assert pointers_of(document) == ["/form/invoice_total/currency"]


def test_zero_amount_is_refused_while_decoding() -> None:
    document = example("customs-release")
    document["form"]["goods"][1]["invoice_value"]["amount"] = "0.00"
    assert pointers_of(document) == ["/form/goods/1/invoice_value/amount"]


def test_amount_as_json_number_is_refused() -> None:
    document = example("customs-release")
    document["form"]["invoice_total"]["amount"] = 14400
    assert pointers_of(document) == ["/form/invoice_total/amount"]


def test_missing_required_field_points_at_the_field() -> None:
    document = example("customs-release")
    del document["form"]["goods"][0]["hs_code"]
    _code, errors = errors_of(document)
    assert errors == [
        {"pointer": "/form/goods/0/hs_code", "message": "Object missing required field `hs_code`"}
    ]


def test_unknown_field_in_form() -> None:
    document = example("reexport-permit")
    document["form"]["goods"][0]["colour"] = "red"
    _code, errors = errors_of(document)
    assert errors == [
        {"pointer": "/form/goods/0/colour", "message": "Object contains unknown field `colour`"}
    ]


def test_unknown_field_in_envelope() -> None:
    document = example("customs-release")
    document["applicant"]["nickname"] = "x"
    assert pointers_of(document) == ["/applicant/nickname"]


def test_missing_envelope_field() -> None:
    document = example("customs-release")
    del document["service"]
    assert pointers_of(document) == ["/service"]


def test_malformed_json_points_at_the_document() -> None:
    code, errors = errors_of(b'{"service": ')
    assert code == "validation_error"
    assert errors[0]["pointer"] == ""


def test_bad_iin_pattern_in_applicant() -> None:
    document = example("declarant-certificate")
    document["applicant"]["iin"] = "87100840142"
    assert pointers_of(document) == ["/applicant/iin"]


def test_checksums_are_not_checked_here() -> None:
    # 871008401428 has a wrong check digit; the gateway, not the decoder, refuses it.
    document = example("declarant-certificate", iin="871008401428")
    data = msgspec.json.encode(document)
    assert decode_application(data, FORMS).applicant.iin == "871008401428"


@pytest.mark.parametrize(
    ("numbers", "message"),
    [
        ({"iin": "871008401427", "bin": "940140000385"}, "not both"),
        ({}, "iin or bin is required"),
    ],
)
def test_applicant_needs_exactly_one_number(numbers: dict[str, str], message: str) -> None:
    document = example("customs-release")
    document["applicant"].pop("bin")
    document["applicant"].update(numbers)
    _code, errors = errors_of(document)
    assert errors[0]["pointer"] == "/applicant"
    assert message in errors[0]["message"]


def test_applicant_needs_a_contact() -> None:
    document = example("customs-release")
    document["applicant"]["contacts"] = {}
    assert pointers_of(document) == ["/applicant/contacts"]


def test_attachment_digest_must_match_content() -> None:
    document = example("customs-release")
    document["attachments"][1]["content"] = base64.b64encode(b"other bytes").decode()
    assert pointers_of(document) == ["/attachments/1/sha256"]


def test_attachment_content_must_be_base64() -> None:
    document = example("customs-release")
    document["attachments"][0]["content"] = "abc"  # passes the pattern, fails decoding (padding)
    assert pointers_of(document) == ["/attachments/0/content"]


def test_attachment_names_are_unique() -> None:
    document = example("customs-release")
    document["attachments"][2]["name"] = document["attachments"][0]["name"]
    assert "/attachments/2/name" in pointers_of(document)


def test_box44_document_must_name_an_attachment() -> None:
    document = example("customs-release")
    document["form"]["documents"][1]["attachment"] = "missing.pdf"
    assert pointers_of(document) == ["/form/documents/1/attachment"]


def test_box44_digest_must_equal_the_attachment() -> None:
    document = example("customs-release")
    document["form"]["documents"][0]["sha256"] = hashlib.sha256(b"forged").hexdigest()
    assert pointers_of(document) == ["/form/documents/0/sha256"]


def test_envelope_and_form_problems_are_reported_together() -> None:
    document = example("customs-release")
    document["applicant"]["contacts"] = {}
    document["form"]["goods"][0]["net_mass_kg"] = 100.0
    assert pointers_of(document) == ["/applicant/contacts", "/form/goods/0/net_mass_kg"]


@pytest.mark.parametrize(
    ("path", "pointer"),
    [
        ("$", ""),
        ("$.form", "/form"),
        ("$.form.goods[0].hs_code", "/form/goods/0/hs_code"),
        ("$.goods[12].preferences[3]", "/goods/12/preferences/3"),
        ("$.a[...]", "/a"),
    ],
)
def test_msgspec_path_to_pointer(path: str, pointer: str) -> None:
    assert msgspec_path_to_pointer(path) == pointer


def test_pointer_tokens_are_escaped() -> None:
    assert escape_token("a/b~c") == "a~1b~0c"
    assert msgspec_problem("Object contains unknown field `a/b` - at `$.x`") == (
        "/x/a~1b",
        "Object contains unknown field `a/b`",
    )


def test_root_level_message_without_path() -> None:
    assert msgspec_problem("Object missing required field `service`") == (
        "/service",
        "Object missing required field `service`",
    )
