"""S8 ``reexport-permit``: application for a permit for extraterritorial re-export of goods with
special characteristics (regulation 004, order No. 355 of 16 May 2023).

The portal submission (annex 1 to the rules, list of requirements p.8 "Порталға") consists of:

1. the **application**, annex 1 to the list of requirements ("Өзіндік ерекшелігі бар тауарларды
   эксаумақтық кері экспорттауға рұқсат алу үшін өтініш"), boxes 1–16 →
   :class:`ReexportPermitForm` fields ``addressee`` … ``special_conditions``; boxes 7–13 repeat
   per good → :class:`ReexportGoodsItem`;
2. the **information form**, annex 2 ("мәліметтер нысаны") → :class:`ReexportInformationForm`;
3. the importing country's **guarantee** of end use and of no re-export without consent →
   ``end_use_guarantee``;
4. the **foreign-trade contract** or another document confirming the parties' intentions →
   ``contract_document``.

Boxes 15 ("Уәкілетті орган") and the "қарауға қабылданды" stamp are filled by the authority, so
they are not part of what the applicant submits; box 16 (special conditions) is optional input.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

import msgspec

from registry.forms.common import (
    Address,
    Bin,
    CountryCode,
    DocumentNumber,
    DocumentRef,
    ForeignParty,
    HsCode,
    Iin,
    Money,
    PersonName,
    Phone,
    Problem,
    Quantity,
    ShortText,
    Text,
)

PROVIDER_NAME_KK = (
    "Қазақстан Республикасы Индустрия және инфрақұрылымдық даму министрлігінің Индустриялық "
    "даму комитеті"
)


class ReexportApplicant(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """2. Кімнен / От кого.

    A legal entity gives its BIN or, when it has none, the BIN of its branch or representative
    office in Kazakhstan; an individual gives surname, name, patronymic and IIN.
    """

    kind: Annotated[
        Literal["legal_entity", "individual"],
        msgspec.Meta(description="Заңды тұлға / жеке тұлға — юридическое / физическое лицо."),
    ]
    name: Annotated[
        ShortText,
        msgspec.Meta(
            description=(
                "Заңды тұлғаның (оның ішінде шетелдік) толық атауы / жеке тұлғаның тегі, аты, "
                "әкесінің аты — полное наименование ЮЛ (в т.ч. иностранного) / Ф.И.О."
            )
        ),
    ]
    bin: Annotated[Bin, msgspec.Meta(description="Бизнес-сәйкестендіру нөмірі / БИН.")] | None = (
        None
    )
    branch_bin: (
        Annotated[
            Bin,
            msgspec.Meta(
                description=(
                    "Шетелдік заңды тұлға филиалының немесе өкілдігінің БСН / БИН филиала или "
                    "представительства иностранного ЮЛ (when the entity has no BIN)."
                )
            ),
        ]
        | None
    ) = None
    iin: Annotated[Iin, msgspec.Meta(description="Жеке сәйкестендіру нөмірі / ИИН.")] | None = None
    address: Annotated[
        Address,
        msgspec.Meta(
            description=(
                "Орналасқан жері; заңды (нақты) мекенжайы / Местонахождение; юридический "
                "(фактический) адрес."
            )
        ),
    ]
    phone: Annotated[Phone, msgspec.Meta(description="Телефоны / Телефон.")]


class ReexportBasis(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """6. Рұқсатқа сұрау салу үшін негіздеме / Основание для запроса разрешения."""

    kind: Annotated[
        Literal["contract", "other"],
        msgspec.Meta(
            description=(
                "Сыртқы сауда шарты (келісімшарт) немесе тараптардың ниетін растайтын өзге "
                "құжат / внешнеторговый договор (контракт) или иной документ о намерениях."
            )
        ),
    ]
    number: Annotated[DocumentNumber, msgspec.Meta(description="№ / Номер.")]
    signed_on: Annotated[
        datetime.date, msgspec.Meta(description="Қол қойылған күні / Дата подписания.")
    ]


class ReexportGoodsItem(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Boxes 7–13 for one good."""

    name: Annotated[
        Text,
        msgspec.Meta(description="7. Өзіндік ерекшелігі бар тауардың атауы / Наименование товара."),
    ]
    hs_code: Annotated[
        HsCode,
        msgspec.Meta(description="8. ЕАЭО СЭҚ ТН бойынша коды / Код по ТН ВЭД ЕАЭС."),
    ]
    control_list_code: Annotated[
        str,
        msgspec.Meta(
            pattern=r"^[0-9A-Z][0-9A-Za-z.\-]{0,31}$",
            description=(
                "9. Бақылау тізімдері бойынша коды / Код по контрольным спискам (e.g. 5A002.a.1)."
            ),
            examples=["5A002.a.1"],
        ),
    ]
    unit: Annotated[
        ShortText,
        msgspec.Meta(
            description=(
                "10. ЕАЭО СЭҚ ТН бойынша өлшем бірлігі (негізгі) / единица измерения (основная)."
            ),
            examples=["шт"],
        ),
    ]
    additional_unit: (
        Annotated[
            ShortText,
            msgspec.Meta(description="10. Қосымша өлшем бірлігі / Дополнительная единица."),
        ]
        | None
    ) = None
    quantity: Annotated[Quantity, msgspec.Meta(description="11. Саны / Количество.")]
    value: Annotated[
        Money,
        msgspec.Meta(
            description="12. Келісім шарт валютасы, 13. Құны / Валюта контракта, стоимость."
        ),
    ]


class ReexportSignatory(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """14. Басшы / Руководитель: name and the date the application was filled in."""

    name: Annotated[PersonName, msgspec.Meta(description="Аты-жөні / Ф.И.О.")]
    position: Annotated[ShortText, msgspec.Meta(description="Лауазымы / Должность.")] | None = None
    filled_on: Annotated[datetime.date, msgspec.Meta(description="Толтыру күні / Дата заполнения.")]


class ReexportStateRegistration(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A registration certificate: number and date."""

    number: DocumentNumber
    date: Annotated[datetime.date, msgspec.Meta(description="Күні / Дата.")]


class ReexportIdentityDocument(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Annex 2 p.2: жеке басын куәландыратын құжат (№, күні, берген органның атауы)."""

    number: DocumentNumber
    issue_date: Annotated[datetime.date, msgspec.Meta(description="Берілген күні / Дата выдачи.")]
    issuer: Annotated[
        ShortText, msgspec.Meta(description="Берген мемлекеттік орган / Выдавший госорган.")
    ]
    valid_until: (
        Annotated[datetime.date, msgspec.Meta(description="Жарамдылық мерзімі / Действителен до.")]
        | None
    ) = None


class ReexportLicenceRef(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Annex 2 p.4: бұрын берілген рұқсат құжаты — export licence number and issue date."""

    number: Annotated[
        DocumentNumber,
        msgspec.Meta(description="Экспорттауға лицензия № / Номер лицензии на экспорт."),
    ]
    issue_date: Annotated[datetime.date, msgspec.Meta(description="Берілген күні / Дата выдачи.")]


class ReexportInformationForm(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Annex 2: мәліметтер нысаны / форма сведений."""

    state_registration: Annotated[
        ReexportStateRegistration | None,
        msgspec.Meta(
            description=(
                "1. Заңды тұлғаны мемлекеттік тіркеудің (қайта тіркеудің) № және күні — for a "
                "legal entity."
            )
        ),
    ] = None
    identity_document: Annotated[
        ReexportIdentityDocument | None,
        msgspec.Meta(description="2. Жеке басын куәландыратын құжат — for an individual."),
    ] = None
    entrepreneur_registration: Annotated[
        ReexportStateRegistration | None,
        msgspec.Meta(
            description=(
                "3. Жеке кәсіпкер ретінде мемлекеттік тіркеу туралы куәліктің № және күні — "
                "for a sole proprietor."
            )
        ),
    ] = None
    previous_export_licence: Annotated[
        ReexportLicenceRef,
        msgspec.Meta(
            description=(
                "4. Қазақстан Республикасынан экспорттауға бұрын берілген рұқсат құжаты / "
                "ранее выданная лицензия на экспорт из Республики Казахстан."
            )
        ),
    ]


class ExpiringDocumentRef(DocumentRef, kw_only=True):
    """A document the permit rests on; its expiry caps the permit's validity (004 p.15)."""

    valid_until: (
        Annotated[
            datetime.date,
            msgspec.Meta(
                description="Қолданылу мерзімі / Срок действия (if the document has one)."
            ),
        ]
        | None
    ) = None


class ReexportPermitForm(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Өзіндік ерекшелігі бар тауарларды эксаумақтық кері экспорттауға рұқсат алу үшін өтініш."""

    addressee: Annotated[
        ShortText,
        msgspec.Meta(
            description="1. Кімге (көрсетілетін қызметті берушінің толық атауы) / Кому.",
            examples=[PROVIDER_NAME_KK],
        ),
    ]
    applicant: ReexportApplicant
    dispatch_country: Annotated[
        CountryCode, msgspec.Meta(description="3. Жөнелтуші ел / Страна отправления.")
    ]
    destination_country: Annotated[
        CountryCode, msgspec.Meta(description="4. Алушы ел / Страна назначения.")
    ]
    end_user: Annotated[
        ForeignParty,
        msgspec.Meta(
            description=(
                "5. Түпкілікті пайдаланушы (толық атауы, мекенжайы, телефоны) / Конечный "
                "пользователь."
            )
        ),
    ]
    basis: ReexportBasis
    goods: Annotated[
        list[ReexportGoodsItem],
        msgspec.Meta(min_length=1, description="7–13. Тауарлар / Товары."),
    ]
    signatory: ReexportSignatory
    special_conditions: (
        Annotated[Text, msgspec.Meta(description="16. Рұқсаттың ерекше шарттары / Особые условия.")]
        | None
    ) = None
    information: ReexportInformationForm
    end_use_guarantee: Annotated[
        ExpiringDocumentRef,
        msgspec.Meta(
            description=(
                "Импорттаушы елдің кепілдік міндеттемесі (алушы елдің құзыретті органы берген) "
                "/ гарантийное обязательство страны-импортёра."
            )
        ),
    ]
    contract_document: Annotated[
        ExpiringDocumentRef,
        msgspec.Meta(
            description=(
                "Сыртқы сауда шартының (келісімшарттың) немесе ниетті растайтын өзге құжаттың "
                "электрондық көшірмесі / электронная копия контракта."
            )
        ),
    ]
    personal_data_consent: Annotated[
        bool,
        msgspec.Meta(
            description=(
                "Қолжетімділігі шектеулі дербес деректерге қол жеткізуге келісім / согласие на "
                "доступ к персональным данным (its absence is refusal ground 16, not a form "
                "error)."
            )
        ),
    ]


def validate_form(form: ReexportPermitForm) -> list[Problem]:
    """Applicant identity, countries and the contract currency."""
    problems = _applicant_problems(form)
    # Extraterritorial re-export: from a foreign state's territory to a third country (004 p.3).
    if form.dispatch_country == "KZ":
        problems.append(("/dispatch_country", "re-export starts outside Kazakhstan"))
    if form.destination_country == "KZ":
        problems.append(("/destination_country", "re-export goes to a third country, not KZ"))
    if form.destination_country == form.dispatch_country:
        problems.append(("/destination_country", "must differ from the dispatch country"))
    currencies = {item.value.currency for item in form.goods}
    if len(currencies) > 1:
        # Box 12 is the *contract* currency: one contract, one currency.
        problems.append(("/goods", "all goods are valued in the one contract currency"))
    if form.basis.number != form.contract_document.number:
        problems.append(("/contract_document/number", "must be the document named in box 6"))
    for pointer, document in (
        ("/end_use_guarantee", form.end_use_guarantee),
        ("/contract_document", form.contract_document),
    ):
        if document.valid_until is not None and document.valid_until < document.date:
            problems.append((f"{pointer}/valid_until", "expires before the document's date"))
    if form.information.previous_export_licence.issue_date > form.signatory.filled_on:
        problems.append(
            ("/information/previous_export_licence/issue_date", "issued after the application")
        )
    return problems


def _applicant_problems(form: ReexportPermitForm) -> list[Problem]:
    applicant, information = form.applicant, form.information
    problems: list[Problem] = []
    if applicant.kind == "legal_entity":
        if (applicant.bin is None) == (applicant.branch_bin is None):
            problems.append(("/applicant", "a legal entity gives its bin or its branch_bin"))
        if applicant.iin is not None:
            problems.append(("/applicant/iin", "a legal entity has no iin"))
        if information.state_registration is None:
            problems.append(("/information/state_registration", "required for a legal entity"))
    else:
        if applicant.iin is None:
            problems.append(("/applicant/iin", "required for an individual"))
        if applicant.bin is not None or applicant.branch_bin is not None:
            problems.append(("/applicant", "an individual gives an iin, not a bin"))
        if information.identity_document is None:
            problems.append(("/information/identity_document", "required for an individual"))
    return problems
