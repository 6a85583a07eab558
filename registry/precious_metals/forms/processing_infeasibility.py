"""S5 ``pm-processing-infeasibility``: application for the conclusion on the economic
infeasibility or impossibility of processing raw goods containing precious metals in
Kazakhstan (the ground for processing them abroad).

Modelled fields; see :mod:`registry.precious_metals.forms.common`.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

from registry.forms.common import (
    CountryCode,
    DocumentRef,
    ForeignParty,
    Party,
    Problem,
    Text,
    party_problems,
)
from registry.precious_metals.forms.common import (
    ApplicationDate,
    RawGoods,
    Signatory,
    metal_content_problems,
)


class PmProcessingInfeasibilityForm(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Шикізат тауарларын қайта өңдеудің орынсыздығы туралы қорытынды алуға өтініш."""

    applicant: Party
    head: Signatory
    raw_goods: RawGoods
    grounds: Annotated[
        Text,
        msgspec.Meta(
            description=(
                "Қайта өңдеудің орынсыздығы немесе мүмкін еместігі негіздемесі / Обоснование "
                "нецелесообразности или невозможности переработки."
            )
        ),
    ]
    processing_country: Annotated[
        CountryCode,
        msgspec.Meta(description="Қайта өңдеу елі / Страна переработки."),
    ]
    processor: Annotated[
        ForeignParty,
        msgspec.Meta(description="Қайта өңдеуші ұйым / Перерабатывающая организация."),
    ]
    assay_report: DocumentRef
    contract: Annotated[
        DocumentRef,
        msgspec.Meta(description="Қайта өңдеуге шарт / Договор на переработку (№, дата)."),
    ]
    application_date: ApplicationDate


def validate_form(form: PmProcessingInfeasibilityForm) -> list[Problem]:
    problems = party_problems(form.applicant, "/applicant")
    problems += metal_content_problems(form.raw_goods, "/raw_goods")
    if form.processing_country == "KZ":
        problems.append(("/processing_country", "the conclusion is about processing abroad"))
    if form.processor.address.country != form.processing_country:
        problems.append(
            ("/processor/address/country", "the processor is in the processing country")
        )
    return problems
