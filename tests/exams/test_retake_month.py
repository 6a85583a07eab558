"""How one month after a failed exam is counted (001 p.6(5))."""

from __future__ import annotations

from datetime import date

import pytest

from registry.declarant_certificate.retake import add_months, retake_allowed_from


@pytest.mark.parametrize(
    ("exam_day", "allowed"),
    [
        (date(2026, 11, 23), date(2026, 12, 23)),  # the same day next month
        (date(2026, 12, 15), date(2027, 1, 15)),  # across the year
        (date(2026, 1, 31), date(2026, 2, 28)),  # clamped to a short month's end
        (date(2024, 1, 31), date(2024, 2, 29)),  # leap year
        (date(2026, 3, 31), date(2026, 4, 30)),
    ],
)
def test_retake_is_allowed_from_the_same_day_of_the_next_month(
    exam_day: date, allowed: date
) -> None:
    assert retake_allowed_from(exam_day) == allowed


def test_add_months_over_several_years() -> None:
    assert add_months(date(2026, 11, 16), 60) == date(2031, 11, 16)
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
