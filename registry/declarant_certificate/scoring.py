"""The software's score (001 p.9(4)): the share of answers equal to the key, pass mark 60 %.

Integer arithmetic decides the pass (``correct * 100 >= 60 * total``), so 6 of 10 passes and
59 of 100 fails with no rounding in between; the percentage is kept with two decimals for the
protocol and the documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

import msgspec

PASS_MARK_PERCENT = 60


class Score(msgspec.Struct, frozen=True, kw_only=True):
    correct: int
    total: int
    percent: Decimal
    passed: bool


def normalise(answer: str) -> str:
    """Answers are compared case- and space-insensitively ("b " is "B")."""
    return answer.strip().upper()


def score(answers: Sequence[str], key: Sequence[str]) -> Score:
    """Score ``answers`` against ``key``; both have one entry per question, in order."""
    if not key:
        raise ValueError("an answer key needs at least one question")
    if len(answers) != len(key):
        raise ValueError(f"{len(answers)} answers for {len(key)} questions")
    correct = sum(normalise(a) == normalise(k) for a, k in zip(answers, key, strict=True))
    total = len(key)
    percent = (Decimal(correct * 100) / Decimal(total)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    return Score(
        correct=correct,
        total=total,
        percent=percent,
        passed=correct * 100 >= PASS_MARK_PERCENT * total,
    )
