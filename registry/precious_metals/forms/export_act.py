"""S6 ``pm-export-act``: application for the act of state control and value appraisal on the
export of precious metals (except articles), their scrap and waste, to countries outside the
Customs Union, exported under a licence (or without one).

Modelled fields; see :mod:`registry.precious_metals.forms.common`.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

from registry.forms.common import CountryCode, DocumentRef, ForeignParty, Party, Problem
from registry.precious_metals.forms.common import (
    ApplicationDate,
    ForeignTradeContract,
    PreciousGoods,
    Signatory,
    act_problems,
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
    contract: ForeignTradeContract
    export_licence: Annotated[
        DocumentRef | None,
        msgspec.Meta(
            description="Экспорт лицензиясы (бар болса) / Лицензия на экспорт (при наличии)."
        ),
    ] = None
    goods: PreciousGoods
    application_date: ApplicationDate


def validate_form(form: PmExportActForm) -> list[Problem]:
    country = form.destination_country
    return act_problems(form.applicant, country, "/destination_country", form.goods)
