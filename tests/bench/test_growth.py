"""The growth check's verdict (bench/growth.py): worse by more than 10 % fails the goal, better
or within 10 % meets it. Figures here are given, not measured."""

from __future__ import annotations

from typing import Any

from bench.growth import compare, spread_reads_lua


def _point(intake_rate: float, status_p99: float) -> dict[str, Any]:
    figures = {"rate": 1000.0, "p50_ms": 5.0, "p99_ms": 50.0, "requests": 1, "non_2xx": 0}
    return {
        "applications": 10_000,
        "intake": {**figures, "rate": intake_rate},
        "status_reads": {**figures, "p99_ms": status_p99},
        "list_page": figures,
    }


def test_within_ten_percent_meets_the_goals() -> None:
    verdict = compare(_point(500, 20), _point(460, 21.8))
    assert verdict["changes"]["intake"]["rate"] == -0.08
    assert verdict["changes"]["status_reads"]["p99_ms"] == 0.09
    assert all(verdict["goals"].values())
    assert set(verdict["also_within_10%"]) == {"intake", "status_reads", "list_page"}


def test_a_slower_intake_or_a_longer_status_tail_fails() -> None:
    slower = compare(_point(500, 20), _point(440, 20))
    assert slower["goals"] == {"intake_rate_change<=10%": False, "status_p99_change<=10%": True}
    longer = compare(_point(500, 20), _point(500, 23))
    assert longer["goals"] == {"intake_rate_change<=10%": True, "status_p99_change<=10%": False}
    assert longer["also_within_10%"]["status_reads"] is False


def test_getting_faster_is_not_a_regression() -> None:
    assert all(compare(_point(500, 20), _point(650, 12))["goals"].values())


def test_spread_reads_turn_over_every_application() -> None:
    script = spread_reads_lua(["a", "b"])
    assert '"/v1/applications/a", "/v1/applications/b"' in script
    assert "next_path % #paths + 1" in script
