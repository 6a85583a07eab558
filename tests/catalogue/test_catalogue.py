"""The catalogue: eight services in order, trilingual, terms in the calendar's syntax."""

from __future__ import annotations

import re

import msgspec
import pytest

from registry.catalogue import (
    TERM_PATTERN,
    LocalizedText,
    PublicService,
    ServiceDefinition,
    public_service,
)
from registry.domains import CATALOGUE, FORMS, get_service, public_catalogue
from tests.services import SERVICE_CODES

CODES = SERVICE_CODES
KAZAKH_LETTERS = set("әғқңөұүһі")
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def _texts(definition: ServiceDefinition) -> list[LocalizedText]:
    texts = [definition.names, definition.provider, definition.result_document]
    texts += [step.names for step in definition.steps]
    texts += [ground.text for ground in definition.refusal_grounds]
    return texts


def test_eight_services_in_the_order_of_the_spec() -> None:
    assert list(CATALOGUE) == CODES
    assert [definition.code for definition in CATALOGUE.values()] == CODES


@pytest.mark.parametrize("code", CODES)
def test_texts_are_in_kazakh_russian_and_english(code: str) -> None:
    for text in _texts(CATALOGUE[code]):
        assert KAZAKH_LETTERS & set(text.kk.lower()), text.kk
        assert CYRILLIC.search(text.ru), text.ru
        assert not CYRILLIC.search(text.en), text.en
        assert text.en and text.ru != text.kk


@pytest.mark.parametrize("code", CODES)
def test_form_is_the_services_struct(code: str) -> None:
    definition = CATALOGUE[code]
    assert definition.form is FORMS[code].struct
    assert definition.form_schema == FORMS[code].schema_name == definition.form.__name__


@pytest.mark.parametrize("code", CODES)
def test_terms_use_the_calendar_syntax(code: str) -> None:
    definition = CATALOGUE[code]
    terms = [definition.registration_term, definition.total_term]
    terms += [step.term for step in definition.steps]
    for term in terms:
        assert term is None or re.fullmatch(TERM_PATTERN, term), term
    # The first step is registration, and its term is the registration term.
    assert definition.steps[0].code == "registration"
    assert definition.steps[0].term == definition.registration_term


@pytest.mark.parametrize("code", CODES)
def test_step_and_ground_codes_are_unique(code: str) -> None:
    definition = CATALOGUE[code]
    steps = [step.code for step in definition.steps]
    grounds = [ground.code for ground in definition.refusal_grounds]
    assert len(set(steps)) == len(steps)
    assert grounds and len(set(grounds)) == len(grounds)


def test_registration_terms_follow_the_regulations() -> None:
    assert {code: CATALOGUE[code].registration_term for code in CODES} == {
        "customs-release": "2 working-hours",
        "declarant-certificate": "1 working-hours",
        "pm-special-registration": "1 working-hours",
        "pm-extraction-feasibility": "1 working-hours",
        "pm-processing-infeasibility": "1 working-hours",
        "pm-export-act": "1 working-hours",
        "pm-import-act": "1 working-hours",
        "reexport-permit": "0 working-days",  # the day of receipt
    }


def test_precious_metals_review_terms() -> None:
    reviews = {
        code: next(step.term for step in CATALOGUE[code].steps if step.code == "review")
        for code in CODES[2:7]
    }
    assert reviews == {
        "pm-special-registration": "4 calendar-days",
        "pm-extraction-feasibility": "6 calendar-days",
        "pm-processing-infeasibility": "6 calendar-days",
        "pm-export-act": "4 calendar-days",
        "pm-import-act": "4 calendar-days",
    }


def test_declarant_certificate_steps_and_terms() -> None:
    steps = [(step.code, step.role, step.term) for step in CATALOGUE["declarant-certificate"].steps]
    assert steps == [
        ("registration", "clerk", "1 working-hours"),
        ("head_review", "head", "3 working-hours"),
        ("unit_head_review", "unit_head", "3 working-hours"),
        ("exam_preparation", "executor", "2 working-days"),
        ("exam_results", "executor", "1 working-days"),
        ("certificate_preparation", "executor", "3 working-days"),
        ("signature", "signer", "7 working-hours"),
        ("issue", "clerk", "1 working-hours"),
    ]
    assert CATALOGUE["declarant-certificate"].applicant_kinds == ("individual",)


def test_reexport_permit_has_the_sixteen_grounds_of_annex_1() -> None:
    definition = CATALOGUE["reexport-permit"]
    codes = [ground.code for ground in definition.refusal_grounds]
    assert len(codes) == 16
    assert [code[:3] for code in codes] == [f"g{number:02d}" for number in range(1, 17)]
    assert "no_personal_data_consent" in codes[15]
    assert "Біріккен Ұлттар Ұйымы" in definition.refusal_grounds[10].text.kk
    assert definition.total_term == "30 working-days"
    assert definition.pausable is True
    risk = next(step for step in definition.steps if step.code == "risk_assessment")
    assert risk.term == "5 working-days"


def test_get_service() -> None:
    assert get_service("pm-export-act") is CATALOGUE["pm-export-act"]
    assert get_service("nope") is None


def test_public_service_is_everything_but_the_python_type() -> None:
    public_fields = set(PublicService.__struct_fields__)
    assert public_fields == set(ServiceDefinition.__struct_fields__) - {"form"}
    public = public_service(CATALOGUE["customs-release"])
    encoded = msgspec.json.decode(msgspec.json.encode(public))
    assert "form" not in encoded
    assert encoded["form_schema"] == "CustomsReleaseForm"
    assert encoded["names"]["en"].startswith("Customs clearance")
    assert msgspec.json.decode(msgspec.json.encode(public), type=PublicService) == public


def test_public_catalogue_is_in_order_and_has_a_schema() -> None:
    assert [service.code for service in public_catalogue()] == CODES
    schema = msgspec.json.schema(list[PublicService])
    assert schema["$defs"]["Step"]["properties"]["term"]["anyOf"][0]["pattern"] == TERM_PATTERN
