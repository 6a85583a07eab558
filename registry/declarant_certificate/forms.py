"""S2 ``declarant-certificate``: application for admission to the qualification exam.

Regulation 001 (p.3) names the «біліктілік емтиханына рұқсат алуға арналған өтініш» and the
documents of the Standard p.9, but the application form itself lives in Finance Minister's order
No. 238 of 31 March 2015, which is **not among the seeds**. The fields below follow that order's
application as far as the seeds let us check: who the candidate is, the identity document the
regulation asks for when the certificate is handed over (p.6(6)), education, the exam session
chosen from the monthly published schedule (p.4), and the previous attempt, because a failed
candidate may re-apply no earlier than one month after the first test (p.6(5)).
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

import msgspec

from registry.forms.common import (
    Address,
    DocumentNumber,
    DocumentRef,
    Iin,
    PersonName,
    Problem,
    ShortText,
)

# Customs Code: a customs declaration specialist must be an adult; the portal refuses
# obviously impossible dates rather than letting a typo reach an officer.
MIN_AGE_YEARS = 18


class CandidateIdentityDocument(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Жеке басын куәландыратын құжат / Документ, удостоверяющий личность."""

    kind: Annotated[
        Literal["id_card", "passport", "residence_permit"],
        msgspec.Meta(description="Түрі / Вид: жеке куәлік, төлқұжат / удостоверение, паспорт."),
    ]
    number: DocumentNumber
    issue_date: Annotated[datetime.date, msgspec.Meta(description="Берілген күні / Дата выдачи.")]
    issuer: Annotated[ShortText, msgspec.Meta(description="Кім берді / Кем выдан.")]


class CandidateEducation(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Білімі / Образование."""

    institution: Annotated[ShortText, msgspec.Meta(description="Оқу орны / Учебное заведение.")]
    graduation_year: Annotated[
        int, msgspec.Meta(ge=1950, le=2100, description="Бітірген жылы / Год окончания.")
    ]
    speciality: Annotated[ShortText, msgspec.Meta(description="Мамандығы / Специальность.")]
    diploma_number: Annotated[
        DocumentNumber, msgspec.Meta(description="Диплом нөмірі / Номер диплома.")
    ]


class DeclarantCertificateForm(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Біліктілік емтиханына рұқсат алуға арналған өтініш / Заявление о допуске к экзамену."""

    candidate: Annotated[
        PersonName,
        msgspec.Meta(description="Көрсетілетін қызметті алушының аты-жөні / Ф.И.О. заявителя."),
    ]
    iin: Annotated[Iin, msgspec.Meta(description="Үміткердің ЖСН / ИИН кандидата.")]
    birth_date: Annotated[datetime.date, msgspec.Meta(description="Туған күні / Дата рождения.")]
    identity_document: CandidateIdentityDocument
    residence_address: Annotated[
        Address, msgspec.Meta(description="Тұрғылықты мекенжайы / Место жительства.")
    ]
    education: CandidateEducation
    employer: (
        Annotated[ShortText, msgspec.Meta(description="Жұмыс орны / Место работы.")] | None
    ) = None
    position: Annotated[ShortText, msgspec.Meta(description="Лауазымы / Должность.")] | None = None
    revenue_body: Annotated[
        ShortText,
        msgspec.Meta(
            description=(
                "Емтихан өткізетін аумақтық мемлекеттік кірістер органы / территориальный "
                "орган государственных доходов, проводящий экзамен."
            ),
            examples=["Астана қаласы бойынша Мемлекеттік кірістер департаменті"],
        ),
    ]
    exam_date: Annotated[
        datetime.date,
        msgspec.Meta(
            description=(
                "Жарияланған кестедегі емтихан күні / Дата экзамена по опубликованному графику."
            )
        ),
    ]
    previous_exam_date: (
        Annotated[
            datetime.date,
            msgspec.Meta(
                description=(
                    "Алғашқы тестілеу күні (қайта жүгінгенде) / Дата первого тестирования "
                    "(при повторном обращении)."
                )
            ),
        ]
        | None
    ) = None
    supporting_documents: Annotated[
        list[DocumentRef],
        msgspec.Meta(
            description="Стандарттың 9-тармағындағы құжаттар / Документы по п.9 Стандарта."
        ),
    ] = []
    application_date: Annotated[
        datetime.date, msgspec.Meta(description="Толтыру күні / Дата заполнения.")
    ]


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """Same day ``months`` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def validate_form(form: DeclarantCertificateForm) -> list[Problem]:
    """Dates that must follow one another."""
    problems: list[Problem] = []
    if _add_months(form.birth_date, 12 * MIN_AGE_YEARS) > form.application_date:
        problems.append(("/birth_date", f"the candidate must be at least {MIN_AGE_YEARS}"))
    if form.exam_date < form.application_date:
        problems.append(("/exam_date", "the exam date cannot precede the application date"))
    if form.identity_document.issue_date > form.application_date:
        problems.append(("/identity_document/issue_date", "issued after the application date"))
    if form.previous_exam_date is not None:
        earliest = _add_months(form.previous_exam_date, 1)
        # 001 p.6(5): a failed candidate re-applies no earlier than one month after the test.
        if form.application_date < earliest:
            problems.append(
                ("/application_date", f"a repeated application is possible from {earliest}")
            )
    return problems
