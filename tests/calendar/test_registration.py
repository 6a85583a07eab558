"""Registration times as intake stores them: receipt, then the service's registration term."""

from __future__ import annotations

from datetime import UTC, datetime

from registry.calendar.reasons import Code
from registry.calendar.registration import registration_times
from registry.calendar.terms import parse_term


def test_s1_registration_within_two_working_hours() -> None:
    # Fri 16 Feb 2024 17:30 in UTC+5 (12:30Z): after 17:00 -> counts from Mon 19 Feb 09:00;
    # two working hours later is 11:00.
    times = registration_times(datetime(2024, 2, 16, 12, 30, tzinfo=UTC), "2 working-hours")
    assert times.received_at.isoformat() == "2024-02-16T17:30:00+05:00"
    assert times.counts_from.isoformat() == "2024-02-19T09:00:00+05:00"
    assert times.due.isoformat() == "2024-02-19T11:00:00+05:00"
    assert [r.code for r in times.reasons] == [Code.AFTER_CUTOFF, Code.WEEKEND, Code.WEEKEND]


def test_s8_registration_on_the_day_of_receipt() -> None:
    # The catalogue's "0 working-days" is "the day of receipt": 18:30 of the receipt day.
    times = registration_times(
        datetime(2024, 2, 13, 5, 0, tzinfo=UTC), parse_term("0 working-days")
    )
    assert times.due.isoformat() == "2024-02-13T18:30:00+05:00"
    # Arriving Tue 13 Feb 17:30 it counts from Wed 09:00, so it is due Wed 18:30.
    late = registration_times(datetime(2024, 2, 13, 12, 30, tzinfo=UTC), "0 working-days")
    assert late.due.isoformat() == "2024-02-14T18:30:00+05:00"


def test_zero_minutes_registration_is_the_receipt_itself() -> None:
    times = registration_times(datetime(2024, 2, 13, 5, 0, tzinfo=UTC), "0 working-minutes")
    assert times.due == times.counts_from
