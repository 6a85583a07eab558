"""S1 ``customs-release``: the goods declaration (ДТ / ТД) as an electronic document.

Regulation 000 names the declaration as a whole and its **box (графа) 44**, where every
supporting document is identified and attached as an EDS-certified scan; the other boxes follow
the EAEU goods-declaration layout (Decision of the CCU Commission No. 257), so the field
descriptions cite the box numbers an officer knows.

Choices:

* ``customs_office_code``: 8 digits. The seeds do not give the format; the EAEU declaration's
  registration number starts with the 8-digit code of the customs body (e.g. ``55201000``), so
  the same 8-digit pattern is used here.
* Document codes in box 44 are 5-digit codes of the EAEU classifier of document types
  (``03011`` contract, ``04021`` invoice, ``02015`` CMR waybill).
* Payment type codes in box 47 are the 4-digit EAEU codes (``1010`` customs fees, ``2010`` import
  duty, ``5010`` VAT).
* Invoice values are :class:`Money` per item and must share the currency of box 22; the customs
  value (box 45) is in tenge, so it is an :data:`Amount` without a currency.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Literal

import msgspec

from registry.forms.common import (
    SINGLE_LINE,
    Address,
    Amount,
    AttachmentName,
    CountryCode,
    DocumentNumber,
    ForeignParty,
    HsCode,
    Mass,
    Money,
    Party,
    Problem,
    Quantity,
    Sha256Hex,
    ShortText,
    Text,
    party_problems,
    to_decimal,
)

CustomsProcedureCode = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^\d{2}$",
        description=(
            "Кедендік рәсімнің коды / Код таможенной процедуры (графа 1, 37), e.g. 40 = "
            "выпуск для внутреннего потребления, 10 = экспорт."
        ),
        examples=["40"],
    ),
]

# Customs procedures whose direction is fixed (EAEU classifier of customs procedures): a
# declaration's box-1 direction must agree with them. Codes not listed are not checked.
EXPORT_PROCEDURES = frozenset({"10", "21", "23", "31"})
IMPORT_PROCEDURES = frozenset({"40", "51", "53", "60"})


class CustomsRepresentative(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Кеден өкілі / Таможенный представитель (графа 14, 54), when it files for the declarant."""

    bin: Annotated[
        str,
        msgspec.Meta(
            pattern=r"^\d{12}$", description="Кеден өкілінің БСН / БИН таможенного представителя."
        ),
    ]
    name: Annotated[ShortText, msgspec.Meta(description="Атауы / Наименование.")]
    register_number: Annotated[
        str,
        msgspec.Meta(
            min_length=1,
            max_length=32,
            pattern=SINGLE_LINE,
            description=(
                "Кеден өкілдерінің тізіліміне енгізу туралы куәліктің нөмірі / номер "
                "свидетельства о включении в реестр таможенных представителей."
            ),
            examples=["0012/2"],
        ),
    ]
    agreement_number: Annotated[
        DocumentNumber,
        msgspec.Meta(
            description="Декларантпен шарттың нөмірі / Номер договора с декларантом (графа 54)."
        ),
    ]
    agreement_date: Annotated[
        datetime.date,
        msgspec.Meta(description="Декларантпен шарттың күні / Дата договора с декларантом."),
    ]


class Preference(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Жеңілдік / Преференция (графа 36): a benefit claimed for one kind of payment."""

    payment_type_code: Annotated[
        str,
        msgspec.Meta(
            pattern=r"^\d{4}$",
            description="Төлем түрінің коды / Код вида платежа (2010 пошлина, 5010 НДС).",
            examples=["2010"],
        ),
    ]
    code: Annotated[
        str,
        msgspec.Meta(
            min_length=1,
            max_length=8,
            pattern=SINGLE_LINE,
            description="Жеңілдік коды / Код льготы (преференции) по классификатору ЕАЭС.",
            examples=["ОО"],
        ),
    ]


class GoodsItem(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Тауар / Товар (графы 31–46): one line of the declaration."""

    item_number: Annotated[
        int,
        msgspec.Meta(ge=1, description="Тауардың нөмірі / Номер товара (графа 32), 1..n."),
    ]
    description: Annotated[
        Text,
        msgspec.Meta(
            description="Тауардың сипаттамасы / Описание товара (графа 31).",
            examples=["Ноутбуктер / портативные компьютеры"],
        ),
    ]
    hs_code: Annotated[HsCode, msgspec.Meta(description="Тауардың коды / Код товара (графа 33).")]
    origin_country: Annotated[
        CountryCode, msgspec.Meta(description="Шыққан ел / Страна происхождения (графа 34).")
    ]
    quantity: Annotated[
        Quantity,
        msgspec.Meta(
            description="Қосымша өлшем бірлігіндегі саны / Количество в доп. единицах (графа 41)."
        ),
    ]
    unit_code: Annotated[
        str,
        msgspec.Meta(
            pattern=r"^\d{3}$",
            description="Өлшем бірлігінің коды / Код единицы измерения (796 шт, 166 кг).",
            examples=["796"],
        ),
    ]
    gross_mass_kg: Annotated[
        Mass, msgspec.Meta(description="Брутто салмағы (кг) / Вес брутто (кг) (графа 35).")
    ]
    net_mass_kg: Annotated[
        Mass, msgspec.Meta(description="Нетто салмағы (кг) / Вес нетто (кг) (графа 38).")
    ]
    invoice_value: Annotated[
        Money,
        msgspec.Meta(
            description="Тауардың фактуралық құны / Фактурная стоимость товара (графа 42)."
        ),
    ]
    customs_value_kzt: Annotated[
        Amount,
        msgspec.Meta(description="Кедендік құны, теңге / Таможенная стоимость, тенге (графа 45)."),
    ]
    preferences: Annotated[
        list[Preference],
        msgspec.Meta(description="Жеңілдіктер / Преференции (графа 36); empty if none claimed."),
    ] = []


class Box44Document(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """44-баған / графа 44: a supporting document, attached as an EDS-certified scan."""

    item_numbers: Annotated[
        list[Annotated[int, msgspec.Meta(ge=1)]],
        msgspec.Meta(
            description="Which goods items it supports; empty = the whole declaration.",
        ),
    ] = []
    code: Annotated[
        str,
        msgspec.Meta(
            pattern=r"^\d{5}$",
            description="Құжат түрінің коды / Код вида документа (классификатор ЕАЭС).",
            examples=["04021"],
        ),
    ]
    number: Annotated[
        DocumentNumber, msgspec.Meta(description="Құжаттың нөмірі / Номер документа.")
    ]
    date: Annotated[datetime.date, msgspec.Meta(description="Құжаттың күні / Дата документа.")]
    sha256: Annotated[
        Sha256Hex,
        msgspec.Meta(
            description="ЭЦҚ-мен расталған сканерленген көшірменің SHA-256 / хеш скан-копии."
        ),
    ]
    attachment: AttachmentName


class Payment(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Кедендік төлемдер мен салықтар / Таможенные платежи и налоги (графа 47)."""

    type_code: Annotated[
        str,
        msgspec.Meta(
            pattern=r"^\d{4}$",
            description="Төлем түрі / Вид платежа (1010 сборы, 2010 пошлина, 5010 НДС).",
            examples=["5010"],
        ),
    ]
    amount: Money


class CustomsReleaseForm(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Тауарларға арналған декларация / Декларация на товары (electronic)."""

    direction: Annotated[
        Literal["IM", "EK"],
        msgspec.Meta(
            description="Декларация түрі / Тип декларации (графа 1): ИМ импорт, ЭК экспорт."
        ),
    ]
    customs_procedure_code: CustomsProcedureCode
    customs_office_code: Annotated[
        str,
        msgspec.Meta(
            pattern=r"^\d{8}$",
            description=(
                "Кеден органының коды / Код таможенного органа, 8 digits (format not stated in "
                "the regulation; the EAEU 8-digit code of the customs body is used)."
            ),
            examples=["55201000"],
        ),
    ]
    declarant: Annotated[
        Party, msgspec.Meta(description="Декларант (графа 14): БСН/ЖСН, атауы, мекенжайы.")
    ]
    customs_representative: CustomsRepresentative | None = None
    consignor: Annotated[
        ForeignParty, msgspec.Meta(description="Жөнелтуші / Отправитель (экспортёр) (графа 2).")
    ]
    dispatch_country: Annotated[
        CountryCode, msgspec.Meta(description="Жөнелту елі / Страна отправления (графа 15).")
    ]
    destination_country: Annotated[
        CountryCode, msgspec.Meta(description="Баратын ел / Страна назначения (графа 17).")
    ]
    delivery_terms: (
        Annotated[
            str,
            msgspec.Meta(
                pattern=r"^[A-Z]{3}$",
                description="Жеткізу шарттары / Условия поставки (графа 20), Incoterms code.",
                examples=["DAP"],
            ),
        ]
        | None
    ) = None
    invoice_total: Annotated[
        Money,
        msgspec.Meta(
            description="Шот валютасы және жалпы сомасы / Валюта и общая сумма по счёту (графа 22)."
        ),
    ]
    goods: Annotated[list[GoodsItem], msgspec.Meta(min_length=1, description="Тауарлар / Товары.")]
    documents: Annotated[
        list[Box44Document],
        msgspec.Meta(
            min_length=1,
            description="44-баған: қосымша құжаттар / Графа 44: дополнительные документы.",
        ),
    ]
    payments: Annotated[
        list[Payment],
        msgspec.Meta(description="Төлемдерді есептеу / Исчисление платежей (графа 47)."),
    ] = []
    goods_location: (
        Annotated[
            Address,
            msgspec.Meta(
                description="Тауарлардың орналасқан жері (УСҚ) / Местонахождение товаров (СВХ)."
            ),
        ]
        | None
    ) = None
    warehouse_code: (
        Annotated[
            str,
            msgspec.Meta(
                min_length=1,
                max_length=32,
                pattern=SINGLE_LINE,
                description=(
                    "Уақытша сақтау қоймасының тізілімдегі нөмірі / Номер СВХ в реестре "
                    "владельцев СВХ (графа 30): only this warehouse may report the goods "
                    "collected after release."
                ),
                examples=["KZ/14/0031"],
            ),
        ]
        | None
    ) = None


def validate_form(form: CustomsReleaseForm) -> list[Problem]:
    """Cross-field checks msgspec cannot express; pointers are relative to the form."""
    problems = party_problems(form.declarant, "/declarant")
    problems += _direction_problems(form)
    problems += _goods_problems(form)
    problems += _document_problems(form)
    return problems


def _direction_problems(form: CustomsReleaseForm) -> list[Problem]:
    code = form.customs_procedure_code
    problems: list[Problem] = []
    if form.direction == "IM" and code in EXPORT_PROCEDURES:
        problems.append(("/customs_procedure_code", f"procedure {code} is an export procedure"))
    if form.direction == "EK" and code in IMPORT_PROCEDURES:
        problems.append(("/customs_procedure_code", f"procedure {code} is an import procedure"))
    if form.direction == "IM" and form.destination_country != "KZ":
        problems.append(("/destination_country", "an import declaration's destination is KZ"))
    if form.direction == "EK" and form.dispatch_country != "KZ":
        problems.append(("/dispatch_country", "an export declaration is dispatched from KZ"))
    return problems


def _goods_problems(form: CustomsReleaseForm) -> list[Problem]:
    problems: list[Problem] = []
    numbers = [item.item_number for item in form.goods]
    # Box 32 numbers the items 1..n in order; a gap or duplicate breaks every reference to them.
    for index, number in enumerate(numbers):
        if number != index + 1:
            problems.append(
                (
                    f"/goods/{index}/item_number",
                    f"items are numbered 1..n in order: expected {index + 1}",
                )
            )
    currency = form.invoice_total.currency
    total = Decimal(0)
    for index, item in enumerate(form.goods):
        if item.net_mass_kg > item.gross_mass_kg:
            problems.append((f"/goods/{index}/net_mass_kg", "net mass exceeds gross mass"))
        if item.invoice_value.currency != currency:
            problems.append(
                (
                    f"/goods/{index}/invoice_value/currency",
                    f"must be the box-22 currency {currency}",
                )
            )
        total += item.invoice_value.value
        kinds = [preference.payment_type_code for preference in item.preferences]
        if len(set(kinds)) != len(kinds):
            problems.append((f"/goods/{index}/preferences", "one preference per payment type"))
    if not problems and total != form.invoice_total.value:
        problems.append(
            ("/invoice_total/amount", f"must equal the sum of the items' invoice values ({total})")
        )
    return problems


def _document_problems(form: CustomsReleaseForm) -> list[Problem]:
    problems: list[Problem] = []
    numbers = {item.item_number for item in form.goods}
    for index, document in enumerate(form.documents):
        for position, number in enumerate(document.item_numbers):
            if number not in numbers:
                problems.append(
                    (
                        f"/documents/{index}/item_numbers/{position}",
                        f"there is no goods item {number}",
                    )
                )
    return problems


def total_customs_value_kzt(form: CustomsReleaseForm) -> Decimal:
    """Box 12: the total customs value in tenge."""
    return sum((to_decimal(item.customs_value_kzt) for item in form.goods), Decimal(0))
