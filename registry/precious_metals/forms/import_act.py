"""S7 ``pm-import-act``: application for the act of state control on the import of precious
metals (except articles), their scrap and waste, from countries outside the Customs Union.

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
    contract: ForeignTradeContract
    import_licence: Annotated[
        DocumentRef | None,
        msgspec.Meta(description="Лицензия (бар болса) / Лицензия (при наличии)."),
    ] = None
    goods: PreciousGoods
    application_date: ApplicationDate


def validate_form(form: PmImportActForm) -> list[Problem]:
    return act_problems(form.applicant, form.dispatch_country, "/dispatch_country", form.goods)
