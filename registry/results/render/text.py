"""How values become printed text: dates, bilingual strings and the fixed captions of the form.

Documents print Kazakh first, then Russian. A *label* always appears in both languages; a
*value* appears once, unless it is itself a :class:`LocalizedText` (a ground, a position), in
which case its Kazakh and Russian versions are both part of the value.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from registry.catalogue.model import LocalizedText

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def printable(text: str) -> str:
    """Officers' free text as the PDF can print it: line ends unified, tabs as spaces.

    The font has no glyph for control characters; the renderer refuses missing glyphs, so
    these are normalised here rather than failing a decision over a pasted tab.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


def caption(kk: str, ru: str) -> LocalizedText:
    """A fixed caption of the form; English is only for the XML and logs."""
    return LocalizedText(kk=kk, ru=ru, en="")


def bilingual(text: LocalizedText, separator: str = "\n") -> str:
    """Kazakh then Russian; once when both are the same (names, numbers)."""
    if text.kk == text.ru:
        return text.kk
    return f"{text.kk}{separator}{text.ru}"


def value_text(value: str | LocalizedText) -> str:
    """A field value as printed: a plain value once, a localized one in both languages."""
    return value if isinstance(value, str) else bilingual(value)


def format_date(day: date) -> str:
    """dd.mm.yyyy, the form Kazakh and Russian official documents use."""
    return day.strftime("%d.%m.%Y")


# Kazakhstan's one time zone since 1 March 2024; documents print local time with its zone.
ALMATY = timezone(timedelta(hours=5))


def format_datetime(moment: datetime) -> str:
    """dd.mm.yyyy HH:MM in local time (Astana, UTC+05:00) with the zone, as the dates beside
    it are local: a decision at 20:25 UTC on the 3rd is 01:25 on the 4th in Astana."""
    local = moment.astimezone(ALMATY) if moment.tzinfo is not None else moment
    text = local.strftime("%d.%m.%Y %H:%M")
    return f"{text} (UTC+05:00, Астана)" if moment.tzinfo is not None else text


def format_quantity(quantity: object) -> str:
    """A quantity as a person writes it: 40, not 40.0; 12.5; 0.125 (no exponent, no padding)."""
    if isinstance(quantity, bool) or not isinstance(quantity, int | float | Decimal | str):
        return str(quantity)
    try:
        number = Decimal(str(quantity))
    except ArithmeticError:
        return str(quantity)
    if not number.is_finite():
        return str(quantity)
    if number == number.to_integral_value():
        return str(number.to_integral_value())
    return format(number.normalize(), "f")


def format_amount(amount: object) -> str:
    """A sum of money as Kazakh and Russian documents print it: 6 180 000,00."""
    try:
        number = Decimal(str(amount)).quantize(Decimal("0.01"))
    except ArithmeticError:
        return str(amount)
    whole, _, cents = f"{number:,.2f}".partition(".")
    return f"{whole.replace(',', ' ')},{cents}"


NUMBER = caption("Нөмірі", "Номер")
ISSUED_ON = caption("Берілген күні", "Дата выдачи")
ADDRESSEE = caption("Алушы", "Получатель")
NAME = caption("Атауы / аты-жөні", "Наименование / Ф.И.О.")
IIN = caption("ЖСН", "ИИН")
BIN = caption("БСН", "БИН")
ADDRESS = caption("Мекенжайы", "Адрес")
COUNTRY = caption("Елі", "Страна")
APPLICATION = caption("Өтініштің кіріс нөмірі және күні", "Входящий номер и дата заявления")
APPLICATION_ID = caption("Өтініш идентификаторы", "Идентификатор заявления")
GROUNDS = caption("Бас тарту негіздері", "Основания для отказа")
EXPLANATION = caption("Түсіндірме", "Пояснение")
INSTRUCTIONS = caption("Негіздерді жою жөніндегі нұсқаулар", "Указания по устранению оснований")
VALID_UNTIL = caption("Қолданылу мерзімі", "Срок действия")
DECIDED_AT = caption("Шешім қабылданған уақыт", "Время принятия решения")
SIGNER = caption("Қол қоюшы", "Подписант")
SIGNED_WITH_EDS = caption(
    "Электрондық цифрлық қолтаңбамен қол қойылды", "Подписано электронной цифровой подписью"
)
NOT_SIGNED_YET = caption("Қол қоюшы әлі белгіленбеген", "Подписант ещё не определён")
VERIFY = caption("Құжатты тексеру", "Проверка документа")
PAGE = caption("Бет", "Страница")
