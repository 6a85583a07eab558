"""What must hold in PostgreSQL after a chaos run, read with plain SQL.

Each check is a count that must be zero (or two counts that must be equal); :func:`violations`
names the ones that are not.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from registry.audit.chains import verify_chains

_COUNTS = {
    "stored": "SELECT count(*) FROM applications WHERE partner_id = :partner",
    "idempotency_records": "SELECT count(*) FROM idempotency_records WHERE partner_id = :partner",
    # One stored answer per application: two keys answering with one id, or an application no
    # key answers with, would be a doubled or an orphaned submission.
    "answers_distinct_ids": (
        "SELECT count(DISTINCT convert_from(response_body, 'UTF8')::jsonb ->> 'id') "
        "FROM idempotency_records WHERE partner_id = :partner AND status_code = 202"
    ),
    "duplicated_by_document": (
        "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM applications "
        "WHERE partner_id = :partner GROUP BY document_sha256 HAVING count(*) > 1) d"
    ),
    "double_registrations": (
        "SELECT count(*) FROM (SELECT application_id FROM journal_entries "
        "WHERE journal LIKE 'incoming:%' GROUP BY application_id HAVING count(*) > 1) j"
    ),
    "double_registration_steps": (
        "SELECT count(*) FROM (SELECT application_id FROM workflow_steps "
        "WHERE step = 'registration' GROUP BY application_id HAVING count(*) > 1) s"
    ),
    "registered_without_number": (
        "SELECT count(*) FROM applications WHERE partner_id = :partner "
        "AND status <> 'received' AND registration_number IS NULL"
    ),
    "stuck_received": (
        "SELECT count(*) FROM applications WHERE partner_id = :partner AND status = 'received'"
    ),
    "outbox_unsent": "SELECT count(*) FROM outbox WHERE sent_at IS NULL",
    "outbox_not_done": "SELECT count(*) FROM outbox WHERE done_at IS NULL",
}

# Per journal and year: the numbers must be 1..n, each once, and the counter must say n.
_JOURNALS = text(
    "SELECT e.journal, e.year, count(*), count(DISTINCT e.seq), min(e.seq), max(e.seq), "
    "max(c.last) FROM journal_entries e LEFT JOIN journal_counters c "
    "ON c.journal = e.journal AND c.year = e.year GROUP BY e.journal, e.year"
)


async def counts(session: AsyncSession, partner_id: uuid.UUID) -> dict[str, int]:
    """Every count of :data:`_COUNTS` for the run's partner."""
    found = {}
    for name, sql in _COUNTS.items():
        params = {"partner": partner_id} if ":partner" in sql else {}
        found[name] = int((await session.execute(text(sql), params)).scalar_one())
    return found


async def journal_faults(session: AsyncSession) -> dict[str, int]:
    """Gaps and repeats over every journal, and counters that disagree with the entries."""
    gaps = repeats = counter_mismatch = 0
    for _journal, _year, rows, distinct, low, high, last in (
        await session.execute(_JOURNALS)
    ).all():
        repeats += rows - distinct
        gaps += (high - low + 1 - distinct) + (low - 1)
        counter_mismatch += int(last != high)
    return {"gaps": gaps, "repeats": repeats, "counter_mismatch": counter_mismatch}


async def chain_faults(session: AsyncSession) -> dict[str, Any]:
    """``qaqpa audit verify --all``'s report, as figures."""
    report = await verify_chains(session, None)
    return {
        "checked": report.checked,
        "broken": len(report.broken),
        "first_broken": [str(b.application_id) for b in report.broken[:5]],
    }


def violations(
    found: dict[str, int],
    journals: dict[str, int],
    chains: dict[str, Any],
    accepted_ids: Iterable[str],
    stored_ids: Iterable[str],
) -> list[str]:
    """Names of the rules broken (empty when the run held)."""
    accepted, stored = set(accepted_ids), set(stored_ids)
    broken = []
    if accepted != stored:
        broken.append(
            f"accepted != stored ({len(accepted - stored)} lost, {len(stored - accepted)} extra)"
        )
    if not found["idempotency_records"] == found["answers_distinct_ids"] == found["stored"]:
        broken.append("idempotency answers do not match stored applications one to one")
    for name in (
        "duplicated_by_document",
        "double_registrations",
        "double_registration_steps",
        "registered_without_number",
        "stuck_received",
        "outbox_unsent",
    ):
        if found[name]:
            broken.append(f"{name}: {found[name]}")
    broken += [f"journal {name}: {value}" for name, value in journals.items() if value]
    if chains["broken"]:
        broken.append(f"broken hash chains: {chains['broken']}")
    return broken
