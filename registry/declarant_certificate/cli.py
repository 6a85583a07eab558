"""``qaqpa exams check-monthly``: months without a published exam session (001 p.4).

Prints a JSON object and exits 1 when some month of the range has no session, so it can run
from cron or a monitoring probe. The range starts with the current month by default.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime

import click
import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from registry.calendar import to_local
from registry.db import run_in_session
from registry.declarant_certificate.monthly import month_label, months_without_session
from registry.declarant_certificate.retake import add_months


class MonthlyCheck(msgspec.Struct, frozen=True, kw_only=True):
    revenue_body: str | None
    checked: list[str]
    months_without_session: list[str]


def _month(value: str | None) -> date:
    if value is None:
        return to_local(datetime.now(UTC)).date().replace(day=1)
    try:
        return datetime.strptime(value, "%Y-%m").replace(tzinfo=UTC).date()
    except ValueError:
        raise click.BadParameter("use YYYY-MM", param_hint="--from") from None


@click.group()
def exams() -> None:
    """S2 qualification exams."""


@exams.command("check-monthly")
@click.option("--from", "first", metavar="YYYY-MM", help="First month (default: this month).")
@click.option("--months", type=click.IntRange(1, 36), default=3, show_default=True)
@click.option("--body", "revenue_body", help="Only this revenue body's sessions.")
def check_monthly(first: str | None, months: int, revenue_body: str | None) -> None:
    """Report the months with no exam session (exit 1 if there is any)."""
    start = _month(first)

    async def work(session: AsyncSession) -> list[str]:
        return await months_without_session(session, start, months, revenue_body=revenue_body)

    missing = run_in_session(work)
    checked = [month_label(add_months(start, offset)) for offset in range(months)]
    report = MonthlyCheck(
        revenue_body=revenue_body, checked=checked, months_without_session=missing
    )
    click.echo(msgspec.json.encode(report).decode())
    if missing:
        sys.exit(1)
