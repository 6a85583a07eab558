"""S6 ``pm-export-act``: application for the act of state control and value appraisal on the
export of precious metals (except articles), their scrap and waste, to countries outside the
Customs Union, exported under a licence (or without one).

Modelled fields; see :mod:`registry.precious_metals.forms.common`.
"""

from __future__ import annotations

import datetime
from typing import Annotated

import msgspec

from registry.forms.common import (
    CountryCode,
    DocumentRef,
    ForeignParty,
    Party,
    Problem,
    party_problems,
)
from registry.precious_metals.forms.common import (
    PreciousGoodsItem,
    Signatory,
    outside_eaeu_problems,
    precious_goods_problems,
)


class PmExportActForm(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Әкету кезінде мемлекеттік бақылау және құнын бағалау актісін алуға өтініш."""

    applicant: Party
    head: Signatory
    consignee: Annotated[ForeignParty, msgspec.Meta(description="Алушы / Получатель.")]
    destination_country: Annotated[
        CountryCode,
        msgspec.Meta(description="Баратын ел (Кеден одағынан тыс) / Страна назначения (вне ТС)."),
    ]
    contract: Annotated[
        DocumentRef,
        msgspec.Meta(description="Сыртқы сауда шарты / Внешнеторговый договор (№, дата)."),
    ]
    export_licence: Annotated[
        DocumentRef | None,
        msgspec.Meta(
            description="Экспорт лицензиясы (бар болса) / Лицензия на экспорт (при наличии)."
        ),
    ] = None
    goods: Annotated[list[PreciousGoodsItem], msgspec.Meta(min_length=1)]
    application_date: Annotated[
        datetime.date, msgspec.Meta(description="Өтініш күні / Дата заявления.")
    ]


def validate_form(form: PmExportActForm) -> list[Problem]:
    problems = party_problems(form.applicant, "/applicant")
    problems += outside_eaeu_problems(form.destination_country, "/destination_country")
    problems += precious_goods_problems(form.goods, "/goods")
    return problems
