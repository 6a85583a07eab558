"""Reasons: why a moment or a day was skipped or moved, stated in kk, ru and en.

Every result of the calendar carries a list of :class:`Reason`; each has a stable ``code`` (for
machines), the ``date`` it is about, and a ``text`` in the three languages of the service (for
people). Texts carry the date as ``DD.MM.YYYY`` so a reason can be shown on its own.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

import msgspec


class Texts(msgspec.Struct, frozen=True):
    """One message in Kazakh, Russian and English."""

    kk: str
    ru: str
    en: str


class Code(enum.StrEnum):
    """Reason codes: a contract; add new ones, never rename."""

    WEEKEND = "weekend"  # Saturday or Sunday
    HOLIDAY = "holiday"  # a public holiday (Labour Code, law "On holidays")
    HOLIDAY_CARRIED_OVER = "holiday_carried_over"  # a weekend holiday's day off, moved
    DECREE_DAY_OFF = "decree_day_off"  # a working day made a day off by decree
    DECREE_WORKING_DAY = "decree_working_day"  # a weekend day made a working day by decree
    LUNCH = "lunch"  # 13:00-14:30 not counted
    AFTER_HOURS = "after_hours"  # after 18:30 (to 09:00 of the next working day) not counted
    BEFORE_OPENING = "before_opening"  # before 09:00: counting starts at 09:00
    AFTER_CUTOFF = "after_cutoff"  # received after 17:00: counts from the next working day
    START_DAY = "start_day"  # a day term runs from the day after its start
    END_MOVED = "end_moved"  # a calendar-day term's last day is non-working: end moved
    PAUSE = "pause"  # the term did not run while paused


class Reason(msgspec.Struct, frozen=True, kw_only=True):
    """Why ``date`` (or a moment on it) did not count, or counted unusually."""

    code: Code
    date: date
    text: Texts


_WEEKDAYS = Texts(
    kk="дүйсенбі сейсенбі сәрсенбі бейсенбі жұма сенбі жексенбі",
    ru="понедельник вторник среда четверг пятница суббота воскресенье",
    en="Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
)


def _weekday(day: date) -> Texts:
    index = day.weekday()
    return Texts(
        kk=_WEEKDAYS.kk.split()[index],
        ru=_WEEKDAYS.ru.split()[index],
        en=_WEEKDAYS.en.split()[index],
    )


def _dmy(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _hm(moment: datetime) -> str:
    return moment.strftime("%d.%m.%Y %H:%M")


# Each reason's text as (kk, ru, en). ``{weekday}``, ``{name}`` (a holiday's), ``{decree}``,
# ``{paused}`` and ``{resumed}`` are filled in, each in the text's own language where it has
# three; :func:`_reason` puts the date in front.
_TEXTS: dict[Code, tuple[str, str, str]] = {
    Code.WEEKEND: ("демалыс күні ({weekday})", "выходной день ({weekday})", "weekend ({weekday})"),
    Code.HOLIDAY: ("мереке күні — {name}", "праздничный день — {name}", "public holiday — {name}"),
    Code.HOLIDAY_CARRIED_OVER: (
        "демалыс күніне сәйкес келген мерекеден ауыстырылған демалыс — {name}",
        "выходной, перенесённый с праздника, совпавшего с выходным, — {name}",
        "day off carried over from a holiday that fell on a weekend — {name}",
    ),
    Code.DECREE_DAY_OFF: (
        "нормативтік актімен ауыстырылған демалыс күні ({decree})",
        "день отдыха, перенесённый нормативным актом ({decree})",
        "day off moved here by decree ({decree})",
    ),
    Code.DECREE_WORKING_DAY: (
        "{weekday}, нормативтік актімен жұмыс күні ({decree})",
        "{weekday}, рабочий день по нормативному акту ({decree})",
        "{weekday} made a working day by decree ({decree})",
    ),
    Code.LUNCH: (
        "13:00–14:30 түскі үзіліс есептелмейді",
        "обеденный перерыв 13:00–14:30 не учитывается",
        "lunch break 13:00–14:30 not counted",
    ),
    Code.AFTER_HOURS: (
        "18:30-дан кейінгі жұмыстан тыс уақыт есептелмейді",
        "время после 18:30 нерабочее и не учитывается",
        "after 18:30, outside working hours, not counted",
    ),
    Code.BEFORE_OPENING: (
        "09:00-ге дейін; есеп 09:00-ден басталады",
        "до 09:00; отсчёт начинается с 09:00",
        "before 09:00; counting starts at 09:00",
    ),
    Code.AFTER_CUTOFF: (
        "17:00-ден кейін түсті; келесі жұмыс күні тіркеледі",
        "поступило после 17:00; регистрируется на следующий рабочий день",
        "arrived after 17:00; registered on the next working day",
    ),
    Code.START_DAY: (
        "мерзім басталған күн есептелмейді; мерзім келесі күннен басталады",
        "день начала срока не учитывается; срок исчисляется со следующего дня",
        "the day the term starts is not counted; the term runs from the next day",
    ),
    Code.END_MOVED: (
        "мерзімнің соңғы күні жұмыс күні емес; мерзім келесі жұмыс күнінің 18:30-ында аяқталады",
        "последний день срока нерабочий; срок истекает в 18:30 следующего рабочего дня",
        "the term's last day is not a working day; it ends at 18:30 of the next working day",
    ),
    Code.PAUSE: (
        "мерзім {paused} бастап {resumed} дейін тоқтатылды, есептелмейді",
        "срок приостановлен с {paused} до {resumed}, не учитывается",
        "term paused from {paused} to {resumed}, not counted",
    ),
}


def reason(code: Code, day: date, **values: Texts | str) -> Reason:
    """The reason ``code`` about ``day``, its text filled with ``values`` (none for the
    reasons whose text is fixed: lunch, after hours, before opening, after the cut-off, the
    start day, the moved end)."""
    prefix = _dmy(day)

    def text(template: str, language: str) -> str:
        filled = {
            key: value if isinstance(value, str) else getattr(value, language)
            for key, value in values.items()
        }
        return f"{prefix}: {template.format(**filled)}"

    kk, ru, en = _TEXTS[code]
    return Reason(
        code=code, date=day, text=Texts(kk=text(kk, "kk"), ru=text(ru, "ru"), en=text(en, "en"))
    )


def weekend(day: date) -> Reason:
    return reason(Code.WEEKEND, day, weekday=_weekday(day))


def holiday(day: date, name: Texts) -> Reason:
    return reason(Code.HOLIDAY, day, name=name)


def holiday_carried_over(day: date, name: Texts) -> Reason:
    return reason(Code.HOLIDAY_CARRIED_OVER, day, name=name)


def decree_day_off(day: date, decree: str) -> Reason:
    return reason(Code.DECREE_DAY_OFF, day, decree=decree)


def decree_working_day(day: date, decree: str) -> Reason:
    return reason(Code.DECREE_WORKING_DAY, day, weekday=_weekday(day), decree=decree)


def pause(paused_at: datetime, resumed_at: datetime) -> Reason:
    return reason(Code.PAUSE, paused_at.date(), paused=_hm(paused_at), resumed=_hm(resumed_at))
