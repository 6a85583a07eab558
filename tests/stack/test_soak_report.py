"""``make soak`` judges each process: a PostgreSQL backend opened mid-run is not growth."""

from __future__ import annotations

import uuid

import redis

from scripts.soak.__main__ import MAX_GROWTH, _growth, judged_growth, warm_up_seconds
from scripts.soak.sampler import key_prefix, redis_figures


def _row(t: float, backends: dict[int, float]) -> dict[str, float]:
    row = {"t": t, "postgres_connections": len(backends), "redis_clients": 3.0}
    for name in ("gateway", "worker", "redis"):
        row[f"rss_kib.{name}"] = row[f"anon_kib.{name}"] = 1000.0
    row["rss_kib.postgres"] = row["anon_kib.postgres"] = sum(backends.values())
    row.update({f"anon_kib.postgres.{pid}": kib for pid, kib in backends.items()})
    return row


def test_a_backend_opened_after_the_warm_up_is_not_a_process_growing() -> None:
    samples = [_row(0, {10: 5000}), _row(60, {10: 5000, 11: 3000}), _row(300, {10: 5100})]
    samples[-1]["anon_kib.postgres.12"] = 5000  # the pool opened one more connection
    samples[-1]["anon_kib.postgres"] = 10100
    report = _growth(samples, warm_up_s=60)
    postgres = report["rss_kib"]["postgres"]
    assert postgres["private_growth"] > MAX_GROWTH  # the sum over its processes
    assert postgres["per_process"]["processes_compared"] == 1  # 11 went, 12 came
    assert judged_growth("postgres", postgres) == 0.02


def test_a_backend_that_grows_is_judged_on_its_own_growth() -> None:
    samples = [_row(0, {10: 5000, 11: 5000}), _row(300, {10: 5000, 11: 6000})]
    postgres = _growth(samples, warm_up_s=0)["rss_kib"]["postgres"]
    assert postgres["per_process"]["pid"] == 11
    assert judged_growth("postgres", postgres) == 0.2


def test_the_warm_up_lasts_until_the_mix_was_exercised() -> None:
    assert warm_up_seconds(1800, 12.0) == 360
    assert warm_up_seconds(100, 45.5) == 45.5
    assert warm_up_seconds(100, None) == 20


def test_redis_keys_are_counted_by_prefix(redis_url: str) -> None:
    assert key_prefix(b"arq:result:123") == "arq:result"
    assert key_prefix(b"plain") == "plain"
    tag = f"soaktest{uuid.uuid4().hex}"
    client = redis.Redis.from_url(redis_url)
    try:
        for n in range(3):
            client.set(f"{tag}:kind:{n}", b"x", ex=60)
        figures = redis_figures(client)
        assert figures[f"redis_keys.{tag}:kind"] == 3
        assert figures["redis_used_memory"] > 0
    finally:
        client.delete(*(f"{tag}:kind:{n}" for n in range(3)))
        client.close()
