"""Kazakhstan's public holidays from the ``holidays`` package, without its decree transfers.

What the package gives (checked against 0.109): the statutory holidays of the law "On holidays
in the Republic of Kazakhstan" and, with ``observed=True`` (the default for KZ) and the rule
``SAT_SUN_TO_NEXT_WORKDAY``, the Labour Code carry-over: a holiday on a Saturday or Sunday moves
its day off to the next working day, for every holiday *except* Orthodox Christmas and Eid al-Adha
(Құрбан айт), which the package adds after computing carry-overs. That is exactly the Labour
Code rule, so we use the package as is and do not add carry-overs of our own (no double count).

What we strip: the package also ships the government's yearly day-off transfers as "special"
holidays (``Day off (substituted from ...)``). Those belong to our own decree table
(:mod:`registry.calendar.transfers`), which operators maintain; keeping both would let a removed
transfer live on in the package. We drop them by the package's own ``substituted_label``.

Names: the package speaks kk and en_US (not ru), so Russian names come from :data:`RU_NAMES`,
keyed by the English name; a name missing there falls back to English (a test lists every
name for the supported years so a new holiday is noticed).
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Final

import holidays
import msgspec

from registry.calendar.reasons import Texts

_COUNTRY: Final = "KZ"

RU_NAMES: Final[dict[str, str]] = {
    "New Year's Day": "Новый год",
    "Orthodox Christmas": "Православное Рождество",
    "International Women's Day": "Международный женский день",
    "Nowruz Holiday": "Наурыз мейрамы",
    "Kazakhstan's People Solidarity Holiday": "Праздник единства народа Казахстана",
    "Defender of the Fatherland Day": "День защитника Отечества",
    "Victory Day": "День Победы",
    "Capital Day": "День Столицы",
    "Constitution Day": "День Конституции Республики Казахстан",
    "Republic Day": "День Республики",
    "First President Day": "День Первого Президента Республики Казахстан",
    "Independence Day": "День Независимости",
    "Eid al-Adha": "Курбан айт",
}

# The package's English suffixes and their Russian equivalents.
_EN_SUFFIXES: Final = (
    (" (observed, estimated)", " (перенесённый выходной, ориентировочная дата)", True),
    (" (observed)", " (перенесённый выходной)", True),
    (" (estimated)", " (ориентировочная дата)", False),
)


class Holiday(msgspec.Struct, frozen=True):
    """A holiday day off: its name in kk/ru/en, and whether it is a weekend holiday carried over."""

    name: Texts
    carried_over: bool


def _russian(en_name: str) -> tuple[str, bool]:
    for en_suffix, ru_suffix, carried_over in _EN_SUFFIXES:
        if en_name.endswith(en_suffix):
            base = en_name.removesuffix(en_suffix)
            return RU_NAMES.get(base, base) + ru_suffix, carried_over
    return RU_NAMES.get(en_name, en_name), False


def _names(year: int, language: str) -> dict[date, list[str]]:
    """The package's holiday names for ``year`` in ``language``, decree transfers removed."""
    table = holidays.country_holidays(_COUNTRY, years=year, language=language)
    substituted_prefix = table.tr(table.substituted_label).split("%s")[0]
    names: dict[date, list[str]] = {}
    for day in sorted(table):
        kept = [name for name in table.get_list(day) if not name.startswith(substituted_prefix)]
        if kept:
            names[day] = kept
    return names


@functools.cache
def statutory_holidays(year: int) -> dict[date, Holiday]:
    """Days off for holidays in ``year`` (carry-overs included, decree transfers excluded).

    Cached per year for the life of the process: the package's answer does not change.
    """
    kk, en = _names(year, "kk"), _names(year, "en_US")
    result: dict[date, Holiday] = {}
    for day, en_names in en.items():
        ru_parts = [_russian(name) for name in en_names]
        result[day] = Holiday(
            name=Texts(
                kk="; ".join(kk.get(day, en_names)),
                ru="; ".join(part for part, _ in ru_parts),
                en="; ".join(en_names),
            ),
            # A day that is both a holiday and another's carry-over is a holiday first.
            carried_over=all(carried for _, carried in ru_parts),
        )
    return result
