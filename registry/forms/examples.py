"""Valid example application documents — a contract other tools rely on.

:func:`registry.domains.example_application` returns, for any service code, a JSON-ready
``dict`` that passes :func:`registry.forms.envelope.decode_application` (and so every
``validate_form``), with the applicant's number set as asked. Tests, the ``qaqpa demo``
command, load tests and the browser tests build their submissions from it, so a change to an
example must keep it valid. Each domain writes its own form (``registry.<domain>.example``);
this module holds what they share and puts the envelope around them.

Numbers: by default a legal-entity service gets the BIN 940140000385 and an individual's
service the IIN 871008401427 (both with correct checksums). The form's own party (declarant,
applicant, candidate) takes the same number, so the form agrees with the envelope. The number
is set as given even where the service does not accept that kind of applicant.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass
from typing import Any

DEFAULT_IIN = "871008401427"
DEFAULT_BIN = "940140000385"
SECOND_IIN = "760212350620"

Json = dict[str, Any]


@dataclass(frozen=True)
class Example:
    """A service's example form, its attachments and the applicant's name."""

    form: Json
    attachments: list[Json]
    applicant_name: str


@dataclass(frozen=True)
class ExampleSpec:
    """How a service's example is built (from the IIN or BIN asked) and its default number."""

    build: Callable[[str | None, str | None], Example]
    _: KW_ONLY
    default_iin: str | None = None
    default_bin: str | None = None

    def __post_init__(self) -> None:
        if (self.default_iin is None) == (self.default_bin is None):
            raise ValueError("an example defaults to an IIN or to a BIN")


# A service's form for the applicant's numbers ({"iin": ...} or {"bin": ...}) and name, with
# its attachments.
FormBuilder = Callable[[Json, str], tuple[Json, list[Json]]]


def company_example(company: str, form: FormBuilder) -> ExampleSpec:
    """An example applied for by ``company`` (for a BIN, the default) or, for an IIN, by a sole
    proprietor (:func:`holder_name`)."""

    def build(iin: str | None, bin: str | None) -> Example:
        name = holder_name(iin, company)
        document, attachments = form(numbers(iin, bin), name)
        return Example(form=document, attachments=attachments, applicant_name=name)

    return ExampleSpec(build, default_bin=DEFAULT_BIN)


def application_document(
    code: str, spec: ExampleSpec, *, iin: str | None = None, bin: str | None = None
) -> Json:
    """The envelope around ``spec``'s example for service ``code``.

    Raises ``ValueError`` when both numbers are given.
    """
    if iin is not None and bin is not None:
        raise ValueError("give iin or bin, not both")
    if iin is None and bin is None:
        iin, bin = spec.default_iin, spec.default_bin
    example = spec.build(iin, bin)
    return {
        "service": code,
        "applicant": {
            **numbers(iin, bin),
            "name": example.applicant_name,
            "contacts": {"email": "office@example.kz", "phone": "+77172554433"},
        },
        "form": example.form,
        "attachments": example.attachments,
    }


def attachment(name: str, media_type: str, text: str) -> Json:
    content = text.encode("utf-8")
    return {
        "name": name,
        "media_type": media_type,
        "sha256": hashlib.sha256(content).hexdigest(),
        "content": base64.b64encode(content).decode("ascii"),
    }


def numbers(iin: str | None, bin: str | None) -> Json:
    return {"iin": iin} if iin is not None else {"bin": bin}


def astana(street: str, building: str, premises: str | None = None) -> Json:
    address: Json = {
        "country": "KZ",
        "postal_code": "010000",
        "region": "Астана қаласы",
        "locality": "Астана",
        "street": street,
        "building": building,
    }
    if premises is not None:
        address["premises"] = premises
    return address


def almaty(street: str, building: str) -> Json:
    return {
        "country": "KZ",
        "postal_code": "050000",
        "region": "Алматы қаласы",
        "locality": "Алматы",
        "street": street,
        "building": building,
    }


def holder_name(iin: str | None, company: str) -> str:
    """The applicant's name: ``company`` for a BIN, a person (sole proprietor) for an IIN."""
    return "ЖК Сейітқазиева Әйгерім Болатқызы" if iin is not None else company
