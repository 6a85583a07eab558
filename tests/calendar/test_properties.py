"""Properties of the arithmetic, checked with hypothesis over 2023-12 .. 2027-01.

No deadlines: the first example of a year builds that year's holiday table, and these tests
are about results, not timings.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from registry.calendar.arithmetic import add_term, receipt, working_time_between
from registry.calendar.clock import KZ_TZ
from registry.calendar.days import WorkingCalendar
from registry.calendar.results import Pause
from registry.calendar.terms import Term, Unit
from registry.calendar.transfers import SEEDED_TRANSFERS

CALENDAR = WorkingCalendar(SEEDED_TRANSFERS)
FIRST = datetime(2023, 12, 1, tzinfo=KZ_TZ)
MINUTES_IN_RANGE = int((datetime(2027, 1, 31, tzinfo=KZ_TZ) - FIRST).total_seconds() // 60)

moments = st.integers(0, MINUTES_IN_RANGE).map(lambda m: FIRST + timedelta(minutes=m))
working_time_units = st.sampled_from([Unit.WORKING_MINUTES, Unit.WORKING_HOURS])
day_units = st.sampled_from([Unit.WORKING_DAYS, Unit.CALENDAR_DAYS])


def _amount_for(unit: Unit) -> st.SearchStrategy[int]:
    return st.integers(0, {Unit.WORKING_MINUTES: 6000, Unit.WORKING_HOURS: 120}.get(unit, 45))


terms = st.sampled_from(list(Unit)).flatmap(
    lambda unit: _amount_for(unit).map(lambda amount: Term(amount, unit))
)


def _inside_working_time(moment: datetime) -> bool:
    clock = moment.time()
    in_periods = time(9) <= clock <= time(13) or time(14, 30) <= clock <= time(18, 30)
    return CALENDAR.is_working(moment.date()) and in_periods


@settings(max_examples=300, deadline=None)
@given(moments, terms)
def test_a_due_time_is_inside_working_time_unless_the_term_is_zero(
    start: datetime, term: Term
) -> None:
    due = add_term(CALENDAR, start, term).due
    if term.amount == 0:
        assert due == start
        return
    assert due > start
    assert _inside_working_time(due)  # never in lunch, an evening or a non-working day
    if not term.unit.is_working_time:
        assert due.time() == time(18, 30)


@settings(max_examples=300, deadline=None)
@given(moments, working_time_units.flatmap(lambda u: st.tuples(_amount_for(u), _amount_for(u),
                                                                st.just(u))))  # fmt: skip
def test_working_time_terms_add_up(start: datetime, amounts: tuple[int, int, Unit]) -> None:
    a, b, unit = amounts
    first = add_term(CALENDAR, start, Term(a, unit)).due
    assert (
        add_term(CALENDAR, first, Term(b, unit)).due
        == add_term(CALENDAR, start, Term(a, unit) + Term(b, unit)).due
    )


@settings(max_examples=300, deadline=None)
@given(moments, st.integers(0, 45), st.integers(0, 45))
def test_working_day_terms_add_up(start: datetime, a: int, b: int) -> None:
    first = add_term(CALENDAR, start, Term(a, Unit.WORKING_DAYS)).due
    assert (
        add_term(CALENDAR, first, Term(b, Unit.WORKING_DAYS)).due
        == add_term(CALENDAR, start, Term(a + b, Unit.WORKING_DAYS)).due
    )


@settings(max_examples=300, deadline=None)
@given(moments, working_time_units.flatmap(lambda u: _amount_for(u).map(lambda n: Term(n, u))))
def test_the_working_time_to_the_due_time_is_the_term(start: datetime, term: Term) -> None:
    due = add_term(CALENDAR, start, term).due
    assert working_time_between(CALENDAR, start, due) == timedelta(minutes=term.minutes)


@settings(max_examples=300, deadline=None)
@given(moments)
def test_receipt_is_idempotent(arrived: datetime) -> None:
    counts_from = receipt(CALENDAR, arrived).counts_from
    again = receipt(CALENDAR, counts_from)
    assert again.counts_from == counts_from
    assert again.reasons == []
    assert counts_from >= arrived
    assert CALENDAR.is_working(counts_from.date())
    assert time(9) <= counts_from.time() <= time(17)


@settings(max_examples=200, deadline=None)
@given(moments, terms, moments, st.integers(0, 20 * 24 * 60))
def test_a_pause_never_brings_the_due_time_forward(
    start: datetime, term: Term, paused: datetime, minutes: int
) -> None:
    pause = Pause(paused_at=paused, resumed_at=paused + timedelta(minutes=minutes))
    assert add_term(CALENDAR, start, term, [pause]).due >= add_term(CALENDAR, start, term).due


@settings(max_examples=200, deadline=None)
@given(moments, working_time_units.flatmap(lambda u: _amount_for(u).map(lambda n: Term(n, u))))
def test_a_pause_outside_working_time_changes_nothing_for_working_time(
    start: datetime, term: Term
) -> None:
    # From 18:30 of the start day to 09:00 of the next working day no working time passes.
    evening = datetime.combine(start.date(), time(18, 30), KZ_TZ)
    morning = datetime.combine(CALENDAR.next_working_day(start.date()), time(9), KZ_TZ)
    pause = Pause(paused_at=max(evening, start), resumed_at=max(morning, start))
    assert add_term(CALENDAR, start, term, [pause]).due == add_term(CALENDAR, start, term).due
