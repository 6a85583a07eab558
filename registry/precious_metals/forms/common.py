"""Pieces shared by the five precious-metals forms (S3–S7, regulation 003).

Regulation 003 describes the process (E-licensing, terms, roles) but refers to the Standard
(order No. 564 of 30 April 2015, p.9) for the documents; the application forms themselves are
**not among the seeds**. The structures here are therefore modelled on what the services are
about, using the vocabulary of the regulation and of the Law "On precious metals and precious
stones": the applicant (legal entity by BIN, sole proprietor by IIN), the metals, the raw goods
with their metal content, and the goods crossing the border with mass, fineness and value.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

import msgspec

from registry.forms.common import (
    EAEU_MEMBERS,
    CountryCode,
    DocumentRef,
    HsCode,
    Mass,
    Money,
    Party,
    PersonName,
    Problem,
    Text,
    party_problems,
)

Metal = Annotated[
    Literal["gold", "silver", "platinum", "palladium", "rhodium", "iridium", "ruthenium", "osmium"],
    msgspec.Meta(
        description=(
            "Бағалы металл / Драгоценный металл: алтын, күміс, платина, палладий, родий, "
            "иридий, рутений, осмий."
        )
    ),
]

Signatory = Annotated[
    PersonName,
    msgspec.Meta(description="Басшы / Руководитель (who signs the application)."),
]


class MetalContent(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Бағалы металдың құрамы / Содержание драгоценного металла."""

    metal: Metal
    grams_per_tonne: Annotated[
        float,
        msgspec.Meta(
            gt=0,
            le=1_000_000,
            description="Құрамы, г/т / Содержание, г/т.",
            examples=[12.4],
        ),
    ]


class RawGoodsItem(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Құрамында бағалы металдар бар шикізат тауары / Сырьевой товар с драгметаллами."""

    description: Annotated[
        Text,
        msgspec.Meta(
            description="Шикізат тауарының атауы / Наименование сырьевого товара.",
            examples=["Мыс концентраты / Медный концентрат"],
        ),
    ]
    hs_code: HsCode
    mass_kg: Annotated[Mass, msgspec.Meta(description="Салмағы, кг / Масса, кг.")]
    metal_contents: Annotated[
        list[MetalContent],
        msgspec.Meta(
            min_length=1, description="Бағалы металдардың құрамы / Содержание драгметаллов."
        ),
    ]


class PreciousGoodsItem(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Бағалы металдар, сынықтар, қалдықтар / Драгметаллы, лом и отходы: one consignment line."""

    item_number: Annotated[int, msgspec.Meta(ge=1, description="Реттік нөмірі / Номер, 1..n.")]
    description: Annotated[Text, msgspec.Meta(description="Атауы / Наименование.")]
    hs_code: HsCode
    metal: Metal
    form: Annotated[
        Literal["ingot", "bar", "granules", "powder", "semi_finished", "scrap", "waste"],
        msgspec.Meta(
            description=(
                "Түрі / Вид: құйма, өлшемді құйма, түйіршік, ұнтақ, жартылай фабрикат, сынық, "
                "қалдық / слиток, мерный слиток, гранулы, порошок, полуфабрикат, лом, отходы."
            )
        ),
    ]
    fineness: Annotated[
        float,
        msgspec.Meta(gt=0, le=1000, description="Сынамасы (‰) / Проба (‰).", examples=[999.9]),
    ]
    gross_mass_kg: Annotated[Mass, msgspec.Meta(description="Брутто салмағы / Масса брутто, кг.")]
    net_mass_kg: Annotated[Mass, msgspec.Meta(description="Нетто салмағы / Масса нетто, кг.")]
    value: Annotated[Money, msgspec.Meta(description="Құны / Стоимость.")]


# Fields several of the five forms have, as they describe them.
ApplicationDate = Annotated[
    datetime.date, msgspec.Meta(description="Өтініш күні / Дата заявления.")
]
RawGoods = Annotated[
    list[RawGoodsItem],
    msgspec.Meta(min_length=1, description="Шикізат тауарлары / Сырьевые товары."),
]
PreciousGoods = Annotated[list[PreciousGoodsItem], msgspec.Meta(min_length=1)]
ForeignTradeContract = Annotated[
    DocumentRef,
    msgspec.Meta(description="Сыртқы сауда шарты / Внешнеторговый договор (№, дата)."),
]


def metal_content_problems(items: list[RawGoodsItem], pointer: str) -> list[Problem]:
    """Each metal once per raw-goods item."""
    problems: list[Problem] = []
    for index, item in enumerate(items):
        metals = [content.metal for content in item.metal_contents]
        if len(set(metals)) != len(metals):
            problems.append((f"{pointer}/{index}/metal_contents", "each metal once per item"))
    return problems


def precious_goods_problems(items: list[PreciousGoodsItem], pointer: str) -> list[Problem]:
    """Items numbered 1..n, net ≤ gross, one currency for the consignment."""
    problems: list[Problem] = []
    currencies = {item.value.currency for item in items}
    for index, item in enumerate(items):
        if item.item_number != index + 1:
            problems.append(
                (f"{pointer}/{index}/item_number", f"items are numbered 1..n: expected {index + 1}")
            )
        if item.net_mass_kg > item.gross_mass_kg:
            problems.append((f"{pointer}/{index}/net_mass_kg", "net mass exceeds gross mass"))
    if len(currencies) > 1:
        problems.append((pointer, "all items are valued in the contract currency"))
    return problems


def outside_eaeu_problems(country: CountryCode, pointer: str) -> list[Problem]:
    """S6/S7 cover trade with countries outside the Customs Union (Кеден одағы)."""
    if country in EAEU_MEMBERS:
        return [
            (
                pointer,
                f"{country} is a Customs Union (EAEU) member; this act is for third countries",
            )
        ]
    return []


def act_problems(
    applicant: Party, country: CountryCode, country_pointer: str, goods: list[PreciousGoodsItem]
) -> list[Problem]:
    """S6/S7: the applicant, the third country the goods go to or come from, the goods."""
    problems = party_problems(applicant, "/applicant")
    problems += outside_eaeu_problems(country, country_pointer)
    problems += precious_goods_problems(goods, "/goods")
    return problems
