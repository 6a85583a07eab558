"""S4 ``pm-extraction-feasibility``: application for the conclusion on the economic
feasibility (infeasibility) and possibility (impossibility) of industrial extraction of
precious metals from raw goods in Kazakhstan.

Modelled fields; see :mod:`registry.precious_metals.forms.common`.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

from registry.forms.common import DocumentRef, Party, Problem, ShortText, party_problems
from registry.precious_metals.forms.common import (
    ApplicationDate,
    RawGoods,
    Signatory,
    metal_content_problems,
)


class PmExtractionFeasibilityForm(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Бағалы металдарды өнеркәсіптік алудың орындылығы туралы қорытынды алуға өтініш."""

    applicant: Party
    head: Signatory
    raw_goods: RawGoods
    source: Annotated[
        ShortText,
        msgspec.Meta(
            description=(
                "Шикізаттың шығу көзі (кен орны, өндіруші) / Источник сырья (месторождение, "
                "производитель)."
            ),
            examples=["Ақтоғай кен орны / месторождение Актогай"],
        ),
    ]
    assay_report: Annotated[
        DocumentRef,
        msgspec.Meta(
            description=(
                "Бағалы металдардың құрамы туралы сынақ хаттамасы / Протокол испытаний о "
                "содержании драгоценных металлов."
            )
        ),
    ]
    contract: DocumentRef | None = None
    application_date: ApplicationDate


def validate_form(form: PmExtractionFeasibilityForm) -> list[Problem]:
    problems = party_problems(form.applicant, "/applicant")
    problems += metal_content_problems(form.raw_goods, "/raw_goods")
    if form.assay_report.date > form.application_date:
        problems.append(("/assay_report/date", "dated after the application"))
    return problems
