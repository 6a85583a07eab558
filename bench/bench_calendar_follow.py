"""What following the decree transfer table costs (issue 21).

Run: ``.venv/bin/python -m bench.bench_calendar_follow`` (also part of ``make bench``).

Three figures, against a throwaway PostgreSQL of its own:

* the hot path as built: :func:`current_calendar` (a global read) per due-time computation,
  next to the due-time computation itself (``add_term`` of 2 working days);
* the alternative not taken: a version check on each use (one small query on a pooled
  connection), per call;
* propagation: from the commit of a transfer change to this process's follower having
  reloaded its calendar (LISTEN/NOTIFY), median and worst of a few rounds.

Bounded: a few seconds; it stops its PostgreSQL at the end.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
import timeit
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import text

from registry.calendar import KZ_TZ, Term, Unit, add_term, current_calendar, store
from registry.calendar.follow import CalendarFollower
from registry.calendar.transfers import Transfer, TransferKind
from registry.db import create_engine, session_factory
from registry.migrate import upgrade
from scripts.stack import PostgresServer, free_port

CALLS = 200_000
DUE_CALLS = 5_000
QUERIES = 2_000
ROUNDS = 20
DAY = date(2031, 11, 12)  # a Wednesday no decree touches
MOMENT = datetime(2031, 11, 10, 10, 5, tzinfo=KZ_TZ)


def _hot_path() -> tuple[float, float]:
    read = min(timeit.repeat(current_calendar, number=CALLS, repeat=3)) / CALLS
    term = Term(2, Unit.WORKING_DAYS)
    due = min(
        timeit.repeat(
            lambda: add_term(current_calendar(), MOMENT, term), number=DUE_CALLS, repeat=3
        )
    )
    return read, due / DUE_CALLS


async def _measure(url: str) -> None:
    engine = create_engine(url, pool_size=2)
    sessions = session_factory(engine)
    follower = CalendarFollower(url, sessions)
    follower.start()
    try:
        assert await follower.wait_listening(10)
        read, due = _hot_path()
        print(f"current_calendar() per call: {read * 1e9:.0f} ns")
        print(f"a due time (add_term, 2 working days) per call: {due * 1e6:.1f} µs")
        async with sessions() as session:
            await session.execute(text("SELECT max(created_at) FROM calendar_transfers"))
            started = time.perf_counter()
            for _ in range(QUERIES):
                await session.execute(text("SELECT max(created_at) FROM calendar_transfers"))
            check = (time.perf_counter() - started) / QUERIES
        print(f"a version check query on each use (not taken): {check * 1e6:.0f} µs per call")
        latencies = []
        for round_ in range(ROUNDS):
            before = follower.reloads
            started = time.perf_counter()
            async with sessions() as session, session.begin():
                if round_ % 2 == 0:
                    transfer = Transfer(date=DAY, kind=TransferKind.OFF, decree="bench")
                    await store.add_transfer(session, transfer)
                else:
                    await store.remove_transfer(session, DAY)
            await follower.wait_reloaded(before, 10)
            latencies.append(time.perf_counter() - started)
        median, worst = statistics.median(latencies) * 1e3, max(latencies) * 1e3
        print(
            f"commit -> reloaded in this process: median {median:.1f} ms, worst {worst:.1f} ms "
            f"({ROUNDS} rounds)"
        )
    finally:
        await follower.aclose()
        await engine.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="qaqpa-bench-calendar-") as workdir:
        Path(workdir).chmod(0o755)  # PostgreSQL may run as another user: it must reach its data
        postgres = PostgresServer(Path(workdir) / "pg" / "data", free_port(), durable=False)
        postgres.start()
        try:
            upgrade(postgres.url)
            asyncio.run(asyncio.wait_for(_measure(postgres.url), 120))
        finally:
            postgres.stop()


if __name__ == "__main__":
    main()
