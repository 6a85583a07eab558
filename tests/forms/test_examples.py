"""Every service has a form and a valid example; the examples contract holds."""

from __future__ import annotations

import base64
import hashlib
from decimal import Decimal

import msgspec
import pytest

from registry.customs_release.forms import CustomsReleaseForm, total_customs_value_kzt
from registry.domains import FORMS, example_application, validate_form
from registry.forms.envelope import decode_application
from registry.forms.examples import DEFAULT_BIN, DEFAULT_IIN, SECOND_IIN
from tests.services import SERVICE_CODES

CODES = list(FORMS)


def test_every_service_has_a_form_struct_and_an_example() -> None:
    assert CODES == SERVICE_CODES
    for code, spec in FORMS.items():
        assert issubclass(spec.struct, msgspec.Struct)
        assert spec.struct.__struct_config__.forbid_unknown_fields
        with pytest.raises(TypeError):  # kw_only: positional construction is refused
            spec.struct("positional")
        assert example_application(code)["service"] == code


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("numbers", [{}, {"iin": SECOND_IIN}, {"bin": DEFAULT_BIN}])
def test_example_decodes_and_validates(code: str, numbers: dict[str, str]) -> None:
    document = example_application(code, **numbers)
    decoded = decode_application(msgspec.json.encode(document), FORMS)
    assert type(decoded.form) is FORMS[code].struct
    assert validate_form(decoded.form) == []
    if "iin" in numbers:
        assert (decoded.applicant.iin, decoded.applicant.bin) == (SECOND_IIN, None)
    elif "bin" in numbers:
        assert (decoded.applicant.iin, decoded.applicant.bin) == (None, DEFAULT_BIN)


def test_default_numbers_follow_the_kind_of_applicant() -> None:
    assert example_application("declarant-certificate")["applicant"]["iin"] == DEFAULT_IIN
    assert example_application("customs-release")["applicant"]["bin"] == DEFAULT_BIN
    assert "iin" not in example_application("customs-release")["applicant"]


@pytest.mark.parametrize("code", CODES)
def test_form_party_carries_the_applicant_number(code: str) -> None:
    document = example_application(code, iin=SECOND_IIN)
    # The number appears in the form as well, so form and envelope agree.
    assert SECOND_IIN in msgspec.json.encode(document["form"]).decode()


@pytest.mark.parametrize("code", CODES)
def test_attachments_are_base64_with_matching_sha256(code: str) -> None:
    attachments = example_application(code)["attachments"]
    assert attachments
    for attachment in attachments:
        content = base64.b64decode(attachment["content"], validate=True)
        assert hashlib.sha256(content).hexdigest() == attachment["sha256"]


def test_example_rejects_two_numbers_and_unknown_service() -> None:
    with pytest.raises(ValueError, match="not both"):
        example_application("customs-release", iin=DEFAULT_IIN, bin=DEFAULT_BIN)
    with pytest.raises(KeyError):
        example_application("no-such-service")


def test_customs_example_is_a_low_risk_import_for_home_use() -> None:
    decoded = decode_application(msgspec.json.encode(example_application("customs-release")), FORMS)
    form = decoded.form
    assert isinstance(form, CustomsReleaseForm)
    assert (form.direction, form.customs_procedure_code) == ("IM", "40")
    assert form.destination_country == "KZ"
    assert {item.hs_code[:4] for item in form.goods} <= {"8471", "9403"}
    assert total_customs_value_kzt(form) < Decimal(10_000_000)
    assert all(document.attachment for document in form.documents)


def test_iin_example_birth_date_follows_the_iin() -> None:
    form = example_application("declarant-certificate", iin=SECOND_IIN)["form"]
    assert form["birth_date"] == "1976-02-12"
    assert example_application("declarant-certificate")["form"]["birth_date"] == "1987-10-08"
