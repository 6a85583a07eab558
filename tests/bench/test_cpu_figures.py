"""The CPU figures of the intake benchmark (bench/bench_intake.py, bench/cpu.py): per request,
for the gateway and for PostgreSQL, which shares the cores with intake but not with the
trivial route. Figures here are given or read from /proc, not timed."""

from __future__ import annotations

import os

from bench.bench_intake import _figures
from bench.cpu import tree_cpu_seconds
from bench.loadgen import LoadResult

RUN = LoadResult(requests_per_second=400.0, p50_ms=5.0, p99_ms=9.0, requests=2000, non_2xx=0)


def test_the_database_cpu_is_reported_per_request_beside_the_gateway_cpu() -> None:
    figures = _figures(RUN, cpu_seconds=3.0, database_seconds=5.0)
    assert figures["gateway_cpu_us_per_request"] == 1500
    assert figures["database_cpu_us_per_request"] == 2500


def test_without_cpu_seconds_only_the_load_figures_are_given() -> None:
    assert set(_figures(RUN)) == {"rate", "p50_ms", "p99_ms", "requests", "non_2xx"}


def test_a_process_tree_has_spent_cpu() -> None:
    assert tree_cpu_seconds(os.getpid()) > 0
