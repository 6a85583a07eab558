"""Term and time parsing, and the reasons results carry."""

from __future__ import annotations

from datetime import datetime

import msgspec
import pytest

from registry.calendar.arithmetic import add_term, receipt
from registry.calendar.clock import KZ_TZ, parse_moment
from registry.calendar.days import WorkingCalendar
from registry.calendar.errors import (
    InvalidPauseError,
    InvalidTermError,
    InvalidTimeError,
    TermTooLongError,
)
from registry.calendar.reasons import Code
from registry.calendar.results import Pause
from registry.calendar.terms import MAX_AMOUNT, Term, Unit, parse_term
from registry.calendar.transfers import SEEDED_TRANSFERS
from registry.complaints.terms import REVIEW_TERMS as COMPLAINT_TERMS
from registry.complaints.terms import SETTLE_TERM
from registry.domains import CATALOGUE

CALENDAR = WorkingCalendar(SEEDED_TRANSFERS)


def _pause(paused: str, resumed: str) -> Pause:
    return Pause(paused_at=parse_moment(paused), resumed_at=parse_moment(resumed))


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("2 working-days", Term(2, Unit.WORKING_DAYS)),
        ("1 working-day", Term(1, Unit.WORKING_DAYS)),
        ("  15 Working-Minutes ", Term(15, Unit.WORKING_MINUTES)),
        ("1 working-hour", Term(1, Unit.WORKING_HOURS)),
        ("0 calendar-days", Term(0, Unit.CALENDAR_DAYS)),
        ("6 calendar-day", Term(6, Unit.CALENDAR_DAYS)),
    ],
)
def test_parse_term(text: str, term: Term) -> None:
    assert parse_term(text) == term


@pytest.mark.parametrize(
    "text", ["", "2", "working-days", "-1 working-days", "2 days", "1.5 working-hours", "2x"]
)
def test_bad_terms_are_refused_with_a_code(text: str) -> None:
    with pytest.raises(InvalidTermError) as caught:
        parse_term(text)
    assert caught.value.code == "invalid_term"


def test_canonical_term_spelling() -> None:
    assert str(parse_term("1 working-day")) == "1 working-days"
    assert parse_term("2 working-hours").minutes == 120


@pytest.mark.parametrize("text", ["", "tomorrow", "2025-13-01T10:00", "10:00"])
def test_bad_times_are_refused_with_a_code(text: str) -> None:
    with pytest.raises(InvalidTimeError) as caught:
        parse_moment(text)
    assert caught.value.code == "invalid_time"


def test_times_are_converted_to_utc_plus_5() -> None:
    assert parse_moment("2025-01-06T05:00:00Z") == datetime(2025, 1, 6, 10, 0, tzinfo=KZ_TZ)
    assert parse_moment("2025-01-06T10:00").utcoffset() == KZ_TZ.utcoffset(None)
    assert parse_moment("2025-01-06").isoformat() == "2025-01-06T00:00:00+05:00"


def test_receipt_json_has_exactly_the_contract_keys() -> None:
    result = receipt(CALENDAR, parse_moment("2025-02-14T17:30"))
    decoded = msgspec.json.decode(msgspec.json.encode(result))
    assert list(decoded) == ["received_at", "counts_from", "reasons"]
    assert decoded["counts_from"] == "2025-02-17T09:00:00+05:00"
    codes = [reason["code"] for reason in decoded["reasons"]]
    assert codes == ["after_cutoff", "weekend", "weekend"]
    assert set(decoded["reasons"][0]["text"]) == {"kk", "ru", "en"}


def test_due_json_has_exactly_the_contract_keys() -> None:
    result = add_term(CALENDAR, parse_moment("2025-02-10T12:00"), parse_term("2 working-hours"))
    decoded = msgspec.json.decode(msgspec.json.encode(result))
    assert list(decoded) == ["from", "term", "due", "reasons"]
    assert decoded["term"] == "2 working-hours"
    assert [reason["code"] for reason in decoded["reasons"]] == ["lunch"]


def test_due_reasons_name_each_skipped_day_and_why() -> None:
    # Thu 2 Jan 2025 evening + 1 h: evening, 3 Jan decree day off, Sat 4 Jan; Sun 5 works.
    result = add_term(CALENDAR, parse_moment("2025-01-02T18:00"), parse_term("1 working-hours"))
    assert result.due.isoformat() == "2025-01-05T10:00:00+05:00"
    codes = [(reason.code, reason.date.isoformat()) for reason in result.reasons]
    assert codes == [
        (Code.HOLIDAY, "2025-01-02"),  # the start day itself is a holiday (New Year)
        (Code.DECREE_DAY_OFF, "2025-01-03"),
        (Code.WEEKEND, "2025-01-04"),
        (Code.DECREE_WORKING_DAY, "2025-01-05"),
    ]


def test_working_days_reasons_explain_the_start_day_and_the_holidays() -> None:
    result = add_term(CALENDAR, parse_moment("2024-05-06T10:00"), parse_term("1 working-days"))
    codes = [reason.code for reason in result.reasons]
    assert codes == [Code.START_DAY, Code.HOLIDAY, Code.DECREE_DAY_OFF, Code.HOLIDAY]
    assert "Отан Қорғаушы күні" in result.reasons[1].text.kk
    assert "День защитника Отечества" in result.reasons[1].text.ru


def test_calendar_day_end_moved_is_explained() -> None:
    result = add_term(CALENDAR, parse_moment("2025-02-27T10:00"), parse_term("2 calendar-days"))
    codes = [reason.code for reason in result.reasons]
    assert codes == [Code.START_DAY, Code.WEEKEND, Code.END_MOVED, Code.WEEKEND]


def test_evening_and_lunch_are_explained() -> None:
    result = add_term(CALENDAR, parse_moment("2024-02-12T12:00"), parse_term("8 working-hours"))
    # Mon 12-13 (1 h), lunch, 14:30-18:30 (4 h), evening, Tue 09:00-12:00 (3 h).
    assert result.due.isoformat() == "2024-02-13T12:00:00+05:00"
    assert [reason.code for reason in result.reasons] == [Code.LUNCH, Code.AFTER_HOURS]


def test_pause_that_ends_before_it_starts_is_refused() -> None:
    pause = _pause("2025-02-12T12:00", "2025-02-11T12:00")
    with pytest.raises(InvalidPauseError):
        add_term(CALENDAR, parse_moment("2025-02-10T10:00"), parse_term("1 working-days"), [pause])


def test_overlapping_pauses_are_refused() -> None:
    pauses = [
        _pause("2025-02-11T10:00", "2025-02-12T10:00"),
        _pause("2025-02-11T12:00", "2025-02-13T10:00"),
    ]
    with pytest.raises(InvalidPauseError):
        add_term(CALENDAR, parse_moment("2025-02-10T10:00"), parse_term("5 working-days"), pauses)


def test_pause_after_the_due_time_changes_nothing() -> None:
    start, term = parse_moment("2025-02-10T10:00"), parse_term("2 working-hours")
    late = _pause("2025-02-11T10:00", "2025-02-20T10:00")
    assert add_term(CALENDAR, start, term, [late]).due == add_term(CALENDAR, start, term).due


def test_two_pauses_in_working_time() -> None:
    # 4 h from Mon 12 Feb 2024 09:00. Pause 10:00-11:00 (1 h used), pause 12:00 (1 h more)
    # to Tue 09:00: 2 h left -> Tue 11:00.
    pauses = [
        _pause("2024-02-12T10:00", "2024-02-12T11:00"),
        _pause("2024-02-12T12:00", "2024-02-13T09:00"),
    ]
    result = add_term(
        CALENDAR, parse_moment("2024-02-12T09:00"), parse_term("4 working-hours"), pauses
    )
    assert result.due.isoformat() == "2024-02-13T11:00:00+05:00"
    assert [reason.code for reason in result.reasons].count(Code.PAUSE) == 2


def test_calendar_days_paused_past_a_moved_end() -> None:
    # 1 calendar day from Fri 14 Feb 2025: Sat 15 is the last day, moved to Mon 17 18:30.
    # Paused Sun 16 (Sat is completed: nothing left) to Tue 18 10:00: it ends that day, 18:30.
    pause = _pause("2025-02-16T10:00", "2025-02-18T10:00")
    result = add_term(
        CALENDAR, parse_moment("2025-02-14T10:00"), parse_term("1 calendar-days"), [pause]
    )
    assert result.due.isoformat() == "2025-02-18T18:30:00+05:00"


def test_out_of_range_input_is_refused() -> None:
    with pytest.raises(InvalidTermError):
        parse_term("3000 working-days")  # about 12 years: a typo, not a regulation
    with pytest.raises(InvalidTimeError):
        parse_moment("9999-12-31T10:00")
    assert parse_term("60 working-days").amount == 60


@pytest.mark.parametrize(
    ("text", "maximum"),
    [
        ("4801 working-minutes", "4800 working-minutes"),
        ("1200000 working-minutes", "4800 working-minutes"),
        ("81 working-hours", "80 working-hours"),
        ("61 working-days", "60 working-days"),
        ("367 calendar-days", "366 calendar-days"),
    ],
)
def test_a_term_over_its_ceiling_states_the_ceiling(text: str, maximum: str) -> None:
    with pytest.raises(TermTooLongError) as caught:
        parse_term(text)
    assert caught.value.code == "invalid_term"
    assert caught.value.maximum == maximum
    for message in (caught.value.bound.kk, caught.value.bound.ru, caught.value.bound.en):
        assert f"({maximum})" in message


def test_every_catalogue_and_complaint_term_is_within_the_ceilings() -> None:
    terms: list[str | None] = [str(term) for term in [*COMPLAINT_TERMS.values(), SETTLE_TERM]]
    for definition in CATALOGUE.values():
        terms += [definition.registration_term, definition.total_term]
        terms += [step.term for step in definition.steps]
    parsed = [parse_term(term) for term in terms if term is not None]  # raises over a ceiling
    assert all(term.amount <= MAX_AMOUNT[term.unit] for term in parsed)
