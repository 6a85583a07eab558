"""``qaqpa results retry-signing RESULT_ID | --stuck``: request a failed signature again.

Prints one JSON object, ``{"retried": [result ids], "skipped": [{"result_id", "reason"}]}``.
For one RESULT_ID: exit 1 when there is no such result, exit 2 (and a message on stderr) when
it is signed, cancelled or not yet approved for signature. ``--stuck`` retries every result
awaiting its signature whose application is in ``signing`` and whose last signing attempt
failed (``signing_failed``), and lists the others it looked at as skipped. See
:mod:`registry.issuing.retry`.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click
import msgspec

from registry.db import run_in_session
from registry.settings import load_settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from registry.issuing.retry import RetryOutcome

REDIS_TIMEOUT = 2.0


@click.group()
def results() -> None:
    """Results of applications and their signatures."""


@results.command("retry-signing")
@click.argument("result_id", type=click.UUID, required=False)
@click.option(
    "--stuck", is_flag=True, help="Retry every result in 'signing' whose last attempt failed."
)
def retry_signing(result_id: uuid.UUID | None, stuck: bool) -> None:
    """Have the worker sign RESULT_ID again (a new sign_result job), e.g. once its key is in place.

    Restart the workers first when a key was added: they open the key store at start.
    """
    if (result_id is None) == (not stuck):
        raise click.UsageError("give either RESULT_ID or --stuck")
    from registry.applications.status_cache import forget_statuses
    from registry.issuing.retry import (
        RetryRefusedError,
        UnknownResultError,
        retry_one,
        retry_stuck,
    )

    now = datetime.now(UTC)

    async def work(session: AsyncSession) -> RetryOutcome:
        if result_id is None:
            return await retry_stuck(session, now)
        return await retry_one(session, result_id, now)

    try:
        outcome = run_in_session(work)
    except UnknownResultError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(1) from None
    except RetryRefusedError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(2) from None
    warning = forget_statuses(load_settings().redis_url, outcome.application_ids)
    if warning is not None:
        click.echo(warning, err=True)
    body = {"retried": outcome.retried, "skipped": outcome.skipped}
    click.echo(msgspec.json.encode(body).decode())
