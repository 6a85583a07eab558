"""Hand-checked receipt and due times across 2024–2026.

Every expected value below was worked out by hand from docs/SERVICES.md "How terms are counted"
and the published calendars, not produced by the code. Facts used (Mon–Fri 09:00–18:30, lunch
13:00–14:30, 8 working hours a day):

2024 (leap): 1–2 Jan Mon–Tue New Year; 7 Jan Sun Christmas (no carry-over); 8 Mar Fri;
  Nauryz 21–23 Mar Thu–Sat, Sat carried to Mon 25 Mar; 1 May Wed; Sat 4 May WORKING and
  Wed 8 May OFF by decree; 7 May Tue; 9 May Thu; Kurban Ait 16 Jun Sun (no carry-over);
  Capital Day 6 Jul Sat carried to Mon 8 Jul; 30 Aug Fri; 25 Oct Fri; 16 Dec Mon.
2025: 1–2 Jan Wed–Thu; Fri 3 Jan OFF and Sun 5 Jan WORKING by decree; 7 Jan Tue Christmas;
  8 Mar Sat carried to Mon 10 Mar; Nauryz 21–23 Mar Fri–Sun, carried to Mon 24 and Tue 25;
  Kurban Ait 6 Jun Fri; 6 Jul Sun carried to Mon 7 Jul; 30 Aug Sat carried to Mon 1 Sep;
  25 Oct Sat carried to Mon 27 Oct; 16 Dec Tue.
2026: 1–2 Jan Thu–Fri; 7 Jan Wed; 8 Mar Sun carried to Mon 9 Mar; Nauryz 21–23 Mar Sat–Mon,
  carried to Tue 24 and Wed 25; 9 May Sat carried to Mon 11 May; Kurban Ait 27 May Wed;
  30 Aug is no longer a holiday (new Constitution: 15 March from 2027); 25 Oct Sun carried to
  Mon 26 Oct; no decree transfers.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from registry.calendar.arithmetic import add_term, receipt
from registry.calendar.clock import parse_moment
from registry.calendar.days import WorkingCalendar
from registry.calendar.results import Pause
from registry.calendar.terms import parse_term
from registry.calendar.transfers import SEEDED_TRANSFERS

CALENDAR = WorkingCalendar(SEEDED_TRANSFERS)


def _local(text: str) -> str:
    """Expected times are written without offset: they are UTC+5."""
    return text + "+05:00"


RECEIPTS = [
    # Mon 12 Feb 2024 10:00 is inside working time: received as is.
    ("2024-02-12T10:00", "2024-02-12T10:00:00"),
    # Before 09:00 on a working day counts from 09:00 that day.
    ("2024-02-12T08:15", "2024-02-12T09:00:00"),
    # 17:00 sharp is not "after 17:00": received that day.
    ("2024-02-12T17:00", "2024-02-12T17:00:00"),
    # 17:01 is after 17:00: 09:00 of the next working day (Tue).
    ("2024-02-12T17:01", "2024-02-13T09:00:00"),
    # Lunch is inside the working day: the receipt stands.
    ("2024-02-12T13:30", "2024-02-12T13:30:00"),
    # Friday evening: Sat and Sun skipped, Monday 09:00.
    ("2024-02-16T19:00", "2024-02-19T09:00:00"),
    # Saturday: Monday 09:00.
    ("2024-02-17T11:00", "2024-02-19T09:00:00"),
    # Fri 3 May 2024 after 17:00: Sat 4 May is a working day by decree.
    ("2024-05-03T18:00", "2024-05-04T09:00:00"),
    # Tue 7 May 2024 (Defender's Day): 8 May off by decree, 9 May Victory Day -> Fri 10 May.
    ("2024-05-07T10:00", "2024-05-10T09:00:00"),
    # 31 Dec 2024 evening: 1-2 Jan holidays, 3 Jan decree off, 4 Jan Sat, Sun 5 Jan works.
    ("2024-12-31T17:30", "2025-01-05T09:00:00"),
    # Fri 7 Mar 2025 after 17:00: 8 Mar Sat, 9 Sun, Mon 10 Mar carried over -> Tue 11.
    ("2025-03-07T17:05", "2025-03-11T09:00:00"),
    # Thu 20 Mar 2025 evening: Nauryz Fri 21, Sat, Sun, carried Mon 24 and Tue 25 -> Wed 26.
    ("2025-03-20T18:00", "2025-03-26T09:00:00"),
    # 03:30Z is 08:30 in UTC+5 on Mon 10 Feb 2025: before opening -> 09:00.
    ("2025-02-10T03:30:00Z", "2025-02-10T09:00:00"),
    # 18:00+06:00 (Almaty's old offset) is 17:00 in UTC+5: on time, not after 17:00.
    ("2024-01-15T18:00:00+06:00", "2024-01-15T17:00:00"),
    # Sun 7 Jan 2024 is Christmas, which is not carried over: Mon 8 Jan works.
    ("2024-01-07T12:00", "2024-01-08T09:00:00"),
    # Sun 16 Jun 2024 is Kurban Ait, not carried over: Mon 17 Jun works.
    ("2024-06-16T10:00", "2024-06-17T09:00:00"),
    # Sat 6 Jul 2024 Capital Day carried to Mon 8 Jul -> Tue 9 Jul.
    ("2024-07-06T10:00", "2024-07-09T09:00:00"),
    # Sun 30 Aug 2026 is no holiday any more: nothing carried, Mon 31 Aug works.
    ("2026-08-30T10:00", "2026-08-31T09:00:00"),
    # Sat 9 May 2026 Victory Day carried to Mon 11 May -> Tue 12 May.
    ("2026-05-09T10:00", "2026-05-12T09:00:00"),
]


@pytest.mark.parametrize(("arrived", "expected"), RECEIPTS)
def test_receipt(arrived: str, expected: str) -> None:
    result = receipt(CALENDAR, parse_moment(arrived))
    assert result.counts_from.isoformat() == _local(expected)


DUES = [
    # docs/SERVICES.md: 2 hours from Monday 12:00 end at Monday 15:30 (lunch skipped).
    ("2025-02-10T12:00", "2 working-hours", "2025-02-10T15:30:00"),
    # docs/SERVICES.md: 2 working days from Thursday 10:00 end on Monday at 18:30.
    ("2025-02-13T10:00", "2 working-days", "2025-02-17T18:30:00"),
    # 09:00 + 240 min = 13:00 exactly: a term may end at the start of lunch.
    ("2024-02-12T09:00", "240 working-minutes", "2024-02-12T13:00:00"),
    # One minute more runs after lunch: 14:31.
    ("2024-02-12T09:00", "241 working-minutes", "2024-02-12T14:31:00"),
    # 17:30-18:30 is working time (the 17:00 rule is for receipt only): ends 18:30.
    ("2024-02-12T17:30", "1 working-hours", "2024-02-12T18:30:00"),
    # 18:00-18:30 Mon, then 09:00-09:30 Tue.
    ("2024-02-12T18:00", "1 working-hours", "2024-02-13T09:30:00"),
    # Before opening: counting starts at 09:00 -> 10:00.
    ("2024-02-12T07:00", "1 working-hours", "2024-02-12T10:00:00"),
    # Fri 16:00-18:30 is 2.5 h; the weekend skipped; Mon 09:00 + 1.5 h.
    ("2024-02-16T16:00", "4 working-hours", "2024-02-19T10:30:00"),
    # Fri 3 May 2024 2.5 h; Sat 4 May works by decree: 09-13 (4 h) then 14:30 + 1.5 h.
    ("2024-05-03T16:00", "8 working-hours", "2024-05-04T16:00:00"),
    # Mon 6 May 2024 17:00-18:30 1.5 h; 7 (holiday), 8 (decree), 9 (holiday) skipped; Fri 10.
    ("2024-05-06T17:00", "3 working-hours", "2024-05-10T10:30:00"),
    # Tue 31 Dec 2024 15:00-18:30 3.5 h; 1-4 Jan off; Sun 5 Jan: 09-13 4 h, 14:30 + 0.5 h.
    ("2024-12-31T15:00", "8 working-hours", "2025-01-05T15:00:00"),
    # Working days after 31 Dec 2024: Sun 5 Jan (1), Mon 6 (2), 7 Christmas, Wed 8 (3).
    ("2024-12-31T17:00", "3 working-days", "2025-01-08T18:30:00"),
    # Leap year: Thu 29 Feb 2024 (1), Fri 1 Mar (2).
    ("2024-02-28T10:00", "2 working-days", "2024-03-01T18:30:00"),
    # Calendar days over 29 Feb 2024: 29 Feb (1), 1 Mar Fri (2).
    ("2024-02-28T10:00", "2 calendar-days", "2024-03-01T18:30:00"),
    # 2025 is not leap: 28 Feb (1), Sat 1 Mar (2) is off -> Mon 3 Mar.
    ("2025-02-27T10:00", "2 calendar-days", "2025-03-03T18:30:00"),
    # S3 review, 4 calendar days from Fri 1 Mar 2024: last day Tue 5 Mar (working).
    ("2024-03-01T10:00", "4 calendar-days", "2024-03-05T18:30:00"),
    # 6 calendar days from Mon 18 Mar 2024: Sun 24 Mar; Mon 25 carried Nauryz -> Tue 26.
    ("2024-03-18T10:00", "6 calendar-days", "2024-03-26T18:30:00"),
    # Nauryz 21-22 Mar 2024, weekend, carried 25 Mar: first working day Tue 26 Mar.
    ("2024-03-20T10:00", "1 working-days", "2024-03-26T18:30:00"),
    # Fri 3 May 2024 (1), Sat 4 May working by decree (2).
    ("2024-05-02T10:00", "2 working-days", "2024-05-04T18:30:00"),
    # 7 May holiday, 8 May decree day off, 9 May holiday: Fri 10 May.
    ("2024-05-06T10:00", "1 working-days", "2024-05-10T18:30:00"),
    # Fri 3 Jan 2025 decree off, Sat 4 weekend, Sun 5 Jan works by decree.
    ("2025-01-02T10:00", "1 working-days", "2025-01-05T18:30:00"),
    # Tue 7 Jan 2025 Christmas: Wed 8 Jan.
    ("2025-01-06T10:00", "1 working-days", "2025-01-08T18:30:00"),
    # Christmas on Sun 7 Jan 2024 is not carried over: Mon 8 Jan counts.
    ("2024-01-05T10:00", "1 working-days", "2024-01-08T18:30:00"),
    # Kurban Ait on Sun 16 Jun 2024 is not carried over: Mon 17 Jun counts.
    ("2024-06-14T10:00", "1 working-days", "2024-06-17T18:30:00"),
    # Capital Day Sat 6 Jul 2024 carried to Mon 8 Jul: Tue 9 Jul.
    ("2024-07-05T10:00", "1 working-days", "2024-07-09T18:30:00"),
    # Constitution Day Sat 30 Aug 2025 carried to Mon 1 Sep: Tue 2 Sep.
    ("2025-08-29T10:00", "1 working-days", "2025-09-02T18:30:00"),
    # Republic Day Sat 25 Oct 2025 carried to Mon 27 Oct: Tue 28 Oct.
    ("2025-10-24T10:00", "1 working-days", "2025-10-28T18:30:00"),
    # Independence Day Tue 16 Dec 2025: Wed 17 Dec.
    ("2025-12-15T10:00", "1 working-days", "2025-12-17T18:30:00"),
    # Across the year end: 31 Dec (1); 1-2 Jan holidays, 3-4 weekend; 5 (2), 6 (3), 7 Jan
    # Christmas, 8 (4), 9 Jan 2026 (5).
    ("2025-12-30T10:00", "5 working-days", "2026-01-09T18:30:00"),
    # Nauryz 2026 Sat 21 - Mon 23 Mar, carried Tue 24 and Wed 25: Thu 26 Mar.
    ("2026-03-20T10:00", "1 working-days", "2026-03-26T18:30:00"),
    # Fri 6 Mar 2026 17:00-18:30 1.5 h; 7-8 weekend (8 Mar Sun), Mon 9 carried; Tue 10 09:30.
    ("2026-03-06T17:00", "2 working-hours", "2026-03-10T09:30:00"),
    # Kurban Ait Wed 27 May 2026: Thu 28 May.
    ("2026-05-26T10:00", "1 working-days", "2026-05-28T18:30:00"),
    # Victory Day Sat 9 May 2026 carried to Mon 11 May: Tue 12 May.
    ("2026-05-08T10:00", "1 working-days", "2026-05-12T18:30:00"),
    # 30 Aug 2026 is an ordinary Sunday: Mon 31 Aug counts.
    ("2026-08-28T10:00", "1 working-days", "2026-08-31T18:30:00"),
    # Sat 24 Oct 2026 is the last day, off; Sun 25, Mon 26 (Republic Day carried) -> Tue 27.
    ("2026-10-23T10:00", "1 calendar-days", "2026-10-27T18:30:00"),
    # Year end in calendar days: 1 Jan 2026 is a holiday, 2 Jan too, 3-4 weekend -> Mon 5 Jan.
    ("2025-12-29T10:00", "3 calendar-days", "2026-01-05T18:30:00"),
    # A zero term ends where it starts, even on a Saturday.
    ("2024-02-17T11:00", "0 working-days", "2024-02-17T11:00:00"),
    # A zero term ends where it starts, even during lunch.
    ("2024-02-12T13:30", "0 working-hours", "2024-02-12T13:30:00"),
    # Started on Saturday: the first working day after it is Monday.
    ("2024-02-17T11:00", "1 working-days", "2024-02-19T18:30:00"),
    # Started before 09:00 on Monday: days run from the next working day, Tuesday.
    ("2024-02-12T08:00", "1 working-days", "2024-02-13T18:30:00"),
    # Started during lunch: counting starts at 14:30 -> 15:00.
    ("2024-02-12T13:15", "30 working-minutes", "2024-02-12T15:00:00"),
    # S8: 30 working days from Mon 10 Feb 2025: 11-14 Feb (4), 17-21 (9), 24-28 (14),
    # 3-7 Mar (19), Mon 10 Mar off, 11-14 (23), 17-20 (27), Fri 21 Nauryz, 24-25 carried,
    # 26 (28), 27 (29), Fri 28 Mar (30).
    ("2025-02-10T09:00", "30 working-days", "2025-03-28T18:30:00"),
    # 16 h from Mon 10:00: Mon 7 h, Tue 8 h, Wed 09:00 + 1 h.
    ("2024-02-12T10:00", "16 working-hours", "2024-02-14T10:00:00"),
    # 15 calendar days from 14 Feb 2024 (leap): 29 Feb, a Thursday.
    ("2024-02-14T11:00", "15 calendar-days", "2024-02-29T18:30:00"),
    # 15 calendar days from 14 Feb 2025: 1 Mar, a Saturday -> Mon 3 Mar.
    ("2025-02-14T11:00", "15 calendar-days", "2025-03-03T18:30:00"),
    # 05:00Z is 10:00 in UTC+5: one hour later is 11:00+05:00.
    ("2025-02-10T05:00:00Z", "1 working-hours", "2025-02-10T11:00:00"),
    # The singular unit is accepted: Fri 14 Feb 2025.
    ("2025-02-13T10:00", "1 working-day", "2025-02-14T18:30:00"),
]


@pytest.mark.parametrize(("start", "term", "expected"), DUES)
def test_due(start: str, term: str, expected: str) -> None:
    result = add_term(CALENDAR, parse_moment(start), parse_term(term))
    assert result.due.isoformat() == _local(expected)


PAUSED = [
    # 5 working days from Mon 10 Feb 2025; paused Wed 12 Feb 12:00: Tue 11 completed (1).
    # Resumed Mon 17 Feb 10:00; 4 left from the next working day: 18, 19, 20, Fri 21.
    ("2025-02-10T10:00", "5 working-days", "2025-02-12T12:00", "2025-02-17T10:00",
     "2025-02-21T18:30:00"),
    # 4 h from Mon 12 Feb 2024 10:00; paused 11:00 (1 h used) to Tue 12:00; 3 h left:
    # 12-13 (1 h), lunch, 14:30-16:30.
    ("2024-02-12T10:00", "4 working-hours", "2024-02-12T11:00", "2024-02-13T12:00",
     "2024-02-13T16:30:00"),
    # 4 calendar days from Fri 1 Mar 2024; paused Sat 2 Mar 20:00 (Sat completed: 1) to
    # Mon 4 Mar 10:00; 3 left: 5, 6, Thu 7 Mar.
    ("2024-03-01T10:00", "4 calendar-days", "2024-03-02T20:00", "2024-03-04T10:00",
     "2024-03-07T18:30:00"),
]  # fmt: skip


@pytest.mark.parametrize(("start", "term", "paused", "resumed", "expected"), PAUSED)
def test_due_with_pause(start: str, term: str, paused: str, resumed: str, expected: str) -> None:
    pause = Pause(paused_at=parse_moment(paused), resumed_at=parse_moment(resumed))
    result = add_term(CALENDAR, parse_moment(start), parse_term(term), [pause])
    assert result.due.isoformat() == _local(expected)
    assert "pause" in [reason.code for reason in result.reasons]


def test_the_table_is_big_enough() -> None:
    assert len(RECEIPTS) + len(DUES) + len(PAUSED) >= 40
    years = {datetime.fromisoformat(start).year for start, _, _ in DUES}
    assert years == {2024, 2025, 2026}
