"""Benchmarks: each ``bench/bench_*.py`` module reports ratios against a ceiling it measures."""
