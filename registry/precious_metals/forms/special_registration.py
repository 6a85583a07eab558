"""S3 ``pm-special-registration``: application for the certificate (анықтама) of special
registration of legal entities and sole proprietors operating with precious metals.

See :mod:`registry.precious_metals.forms.common` for why these fields are modelled rather than
copied: the Standard's application form is not among the seeds.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from registry.forms.common import (
    Address,
    DocumentRef,
    Party,
    Problem,
    party_problems,
    unique_problems,
)
from registry.precious_metals.forms.common import ApplicationDate, Metal, Signatory

Operation = Annotated[
    Literal[
        "extraction",
        "production",
        "refining",
        "processing",
        "manufacturing_use",
        "purchase_and_sale",
        "scrap_and_waste_collection",
        "storage",
    ],
    msgspec.Meta(
        description=(
            "Бағалы металдармен операция түрі / Вид операций с драгоценными металлами: "
            "өндіру / добыча, өндіріс / производство, аффинаж, қайта өңдеу / переработка, "
            "өндірісте пайдалану / использование в производстве, сатып алу-сату / купля-продажа, "
            "сынықтар мен қалдықтарды жинау / сбор лома и отходов, сақтау / хранение."
        )
    ),
]


class PmSpecialRegistrationForm(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Арнайы есепке қою туралы анықтама алуға өтініш / Заявление о постановке на спецучёт."""

    applicant: Annotated[
        Party,
        msgspec.Meta(
            description="Заңды тұлға (БСН) немесе дара кәсіпкер (ЖСН) / ЮЛ (БИН) или ИП (ИИН)."
        ),
    ]
    head: Signatory
    state_registration: Annotated[
        DocumentRef,
        msgspec.Meta(
            description=(
                "Мемлекеттік тіркеу туралы анықтама (куәлік) / Справка (свидетельство) о "
                "государственной регистрации."
            )
        ),
    ]
    activity_addresses: Annotated[
        list[Address],
        msgspec.Meta(
            min_length=1,
            description="Қызметті жүзеге асыру орны / Место осуществления деятельности.",
        ),
    ]
    operations: Annotated[list[Operation], msgspec.Meta(min_length=1)]
    metals: Annotated[
        list[Metal],
        msgspec.Meta(min_length=1, description="Бағалы металдар / Драгоценные металлы."),
    ]
    application_date: ApplicationDate


def validate_form(form: PmSpecialRegistrationForm) -> list[Problem]:
    problems = party_problems(form.applicant, "/applicant")
    problems += unique_problems(list(form.operations), "/operations", "operation")
    problems += unique_problems(list(form.metals), "/metals", "metal")
    if form.state_registration.date > form.application_date:
        problems.append(("/state_registration/date", "registered after the application date"))
    return problems
