"""What must hold in PostgreSQL after a chaos run, read with plain SQL.

Each check is a count that must be zero (or two counts that must be equal); :func:`violations`
names the ones that are not.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
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
    "stuck_signing": (
        "SELECT count(*) FROM applications WHERE partner_id = :partner AND status = 'signing'"
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

# The signing half (scripts/chaos/signing.py), over the applications whose result the signer
# approved: each count must be zero.
_SIGNING = text(
    "WITH a AS (SELECT CAST(unnest(CAST(:ids AS text[])) AS uuid) AS id), per AS (SELECT "
    "(SELECT count(*) FROM results r WHERE r.application_id = a.id AND r.status = 'signed') "
    "AS signed, (SELECT count(*) FROM documents d WHERE d.application_id = a.id "
    "AND d.kind = 'pdf') AS pdf, (SELECT count(*) FROM documents d "
    "WHERE d.application_id = a.id AND d.kind = 'xml') AS xml, (SELECT count(*) FROM events e "
    "WHERE e.application_id = a.id AND e.kind = 'result_signed') AS result_signed, "
    "(SELECT count(*) FROM events e WHERE e.application_id = a.id "
    "AND e.kind = 'signing_failed') AS signing_failed, (SELECT status FROM applications p "
    "WHERE p.id = a.id) AS status FROM a) SELECT "
    "count(*) FILTER (WHERE signed <> 1), count(*) FILTER (WHERE pdf <> 1), "
    "count(*) FILTER (WHERE xml <> 1), count(*) FILTER (WHERE result_signed <> 1), "
    "coalesce(sum(signing_failed), 0), count(*) FILTER (WHERE status = 'signing') FROM per"
)
_SIGNING_NAMES = (
    "not_signed_once",
    "not_one_pdf",
    "not_one_xml",
    "not_one_result_signed_event",
    "signing_failed_events",
    "stuck_in_signing",
)
_LEFT_SIGNATURE = text(
    "SELECT id::text FROM applications WHERE id::text = ANY(:ids) AND status <> 'signature'"
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


async def signing_faults(
    session: AsyncSession, approved: Sequence[str], unclear: Sequence[str]
) -> dict[str, int]:
    """The signing half's counts over the approved results (``unclear``: approvals answered
    4xx after a lost try, approved if the application left the signer's step)."""
    landed = (await session.execute(_LEFT_SIGNATURE, {"ids": list(unclear)})).scalars().all()
    ids = [*approved, *landed]
    row = (await session.execute(_SIGNING, {"ids": ids})).one()
    return {
        "checked": len(ids),
        "approvals_lost": len(unclear) - len(landed),
        **{name: int(value) for name, value in zip(_SIGNING_NAMES, row, strict=True)},
    }


def violations(
    found: dict[str, int],
    journals: dict[str, int],
    chains: dict[str, Any],
    signing: dict[str, int],
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
        "stuck_signing",
        "outbox_unsent",
    ):
        if found[name]:
            broken.append(f"{name}: {found[name]}")
    broken += [f"journal {name}: {value}" for name, value in journals.items() if value]
    broken += [
        f"signing {name}: {value}" for name, value in signing.items() if value and name != "checked"
    ]
    if chains["broken"]:
        broken.append(f"broken hash chains: {chains['broken']}")
    return broken
