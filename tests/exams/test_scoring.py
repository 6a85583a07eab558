"""The software's score: percent of answers equal to the key, 60 % or more passes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from registry.declarant_certificate.scoring import score


@pytest.mark.parametrize(
    ("correct", "total", "percent", "passed"),
    [
        (6, 10, Decimal("60.00"), True),  # exactly the pass mark
        (3, 5, Decimal("60.00"), True),
        (59, 100, Decimal("59.00"), False),
        (2, 3, Decimal("66.67"), True),
        (179, 300, Decimal("59.67"), False),  # rounds to 59.67, never up to a pass
        (0, 4, Decimal("0.00"), False),
        (4, 4, Decimal("100.00"), True),
    ],
)
def test_percent_and_verdict(correct: int, total: int, percent: Decimal, passed: bool) -> None:
    key = ["A"] * total
    answers = ["a"] * correct + ["B"] * (total - correct)  # case does not matter
    result = score(answers, key)
    assert (result.correct, result.total, result.percent, result.passed) == (
        correct, total, percent, passed,
    )  # fmt: skip


def test_answers_are_compared_without_surrounding_spaces() -> None:
    assert score([" c ", "D"], ["C", "d"]).correct == 2


def test_one_answer_per_question() -> None:
    with pytest.raises(ValueError, match="2 answers for 3 questions"):
        score(["A", "B"], ["A", "B", "C"])
    with pytest.raises(ValueError, match="at least one question"):
        score([], [])
