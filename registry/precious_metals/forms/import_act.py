"""S7 ``pm-import-act``: application for the act of state control on the import of precious
metals (except articles), their scrap and waste, from countries outside the Customs Union.

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


class PmImportActForm(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Әкелу кезінде мемлекеттік бақылау актісін алуға өтініш / Заявление на акт госконтроля."""

    applicant: Party
    head: Signatory
    consignor: Annotated[ForeignParty, msgspec.Meta(description="Жөнелтуші / Отправитель.")]
    dispatch_country: Annotated[
        CountryCode,
        msgspec.Meta(
            description="Жөнелтуші ел (Кеден одағынан тыс) / Страна отправления (вне ТС)."
        ),
    ]
    origin_country: Annotated[
        CountryCode, msgspec.Meta(description="Шыққан ел / Страна происхождения.")
    ]
    contract: Annotated[
        DocumentRef,
        msgspec.Meta(description="Сыртқы сауда шарты / Внешнеторговый договор (№, дата)."),
    ]
    import_licence: Annotated[
        DocumentRef | None,
        msgspec.Meta(description="Лицензия (бар болса) / Лицензия (при наличии)."),
    ] = None
    goods: Annotated[list[PreciousGoodsItem], msgspec.Meta(min_length=1)]
    application_date: Annotated[
        datetime.date, msgspec.Meta(description="Өтініш күні / Дата заявления.")
    ]


def validate_form(form: PmImportActForm) -> list[Problem]:
    problems = party_problems(form.applicant, "/applicant")
    problems += outside_eaeu_problems(form.dispatch_country, "/dispatch_country")
    problems += precious_goods_problems(form.goods, "/goods")
    return problems
