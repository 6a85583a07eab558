"""Fill a bench database with registered applications, fast: ``python -m bench.seed``.

``python -m bench.seed --applications 2000000`` (``--database-url``, else ``QAQPA_DATABASE_URL``)
adds applications until the database holds that many, spread evenly over the eight services and
over ``--partners`` partners (existing ones first, new ones created as needed). Each one gets
the rows intake and then registration leave behind:

- the idempotency record and its 202 answer, the application (a real example form, signed
  document bytes and a 1.8 kB incompressible CMS-sized signature), the status token's hash, the
  outbox row of its ``register_application`` job (sent and done);
- two hash-chained events, ``received`` and the ``status_changed`` of registration, with the
  seq, prev_hash and hash :mod:`registry.applications.events` computes (the canonical JSON is
  built in SQL, the hash is PostgreSQL's ``sha256()``: ``chain_is_intact`` holds for them);
- the registration step (done) and the next step (open), the incoming journal's entry and
  number, with the journal counters moved past the numbers taken.

All of it is set-based SQL (``generate_series`` + ``INSERT ... SELECT``), in batches, one
transaction each. Not modelled: attachments, webhooks, the services' own registration
hooks (S1's office numbering, the state-database look-ups). Due times are approximations of the
terms (an hour per working hour, 1.4 days per working day), not the working calendar's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import sys
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from registry.catalogue.flow import RECEIVED
from registry.db import create_engine, session_factory
from registry.domains import example_application, install
from registry.outbox import Job
from registry.partners.repository import create_partner
from registry.workflow.actors import SYSTEM
from registry.workflow.engine import STATUS_CHANGED, step_of
from registry.workflow.services import installed

BATCH = 50_000
FIRST_RECEIVED = "2026-01-01 00:00:00+00"  # seeded applications arrive 7 s apart from here
PLACEHOLDER = "__SEED_N__"


@dataclass(frozen=True)
class ServiceSeed:
    """What registration leaves for an application of one service (its ``register`` move)."""

    code: str
    target: str
    step: str | None
    step_role: str | None
    step_term: str | None
    registration_role: str
    registration_term: str
    total_term: str | None


def term_interval(term: str | None) -> timedelta | None:
    """An approximate duration of a catalogue term (see the module docstring)."""
    if term is None:
        return None
    match = re.fullmatch(r"(\d+) (working-hours|working-days|calendar-days)", term)
    if match is None:
        raise ValueError(f"unknown term {term!r}")
    count, unit = int(match.group(1)), match.group(2)
    if unit == "working-hours":
        return timedelta(hours=count)
    if unit == "calendar-days":
        return timedelta(days=count)
    return timedelta(days=max(count * 1.4, 0.4))  # "0 working-days": the end of the day of receipt


def service_seeds() -> list[ServiceSeed]:
    install()
    seeds = []
    for code, service in installed().items():
        definition = service.definition
        register = next(
            t
            for t in definition.transitions
            if t.source == RECEIVED.code and t.action == "register"
        )
        registration = step_of(definition, "registration")
        step = step_of(definition, register.target)
        seeds.append(
            ServiceSeed(
                code=code,
                target=register.target,
                step=None if step is None else step.code,
                step_role=None if step is None else step.role,
                step_term=None if step is None else step.term,
                registration_role="system" if registration is None else registration.role,
                registration_term=definition.registration_term,
                total_term=definition.total_term,
            )
        )
    return seeds


def _iso(expression: str) -> str:
    """SQL for ``datetime.astimezone(UTC).isoformat()`` of a timestamptz (microseconds only
    when there are some, as Python writes them)."""
    utc = f"(({expression}) AT TIME ZONE 'UTC')"
    return (
        f"(to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN "
        f"date_part('microseconds', {utc})::bigint % 1000000 = 0 THEN '' "
        f"ELSE to_char({utc}, '.US') END || '+00:00')"
    )


def _json_text(expression: str) -> str:
    """SQL for a JSON string (or null) as msgspec writes it (values here need no escaping)."""
    return f"COALESCE('\"' || ({expression}) || '\"', 'null')"


_SERVICES = """
CREATE TEMP TABLE seed_services (
  si int, code text, target text, step text, step_role text, step_term text,
  step_interval interval, registration_role text, registration_term text,
  registration_interval interval, total_interval interval)
"""

# The batch's applications with every value the tables below take from them. $1, $2: the
# first and last n; $3: the partners; $4: the document template.
_BATCH = f"""
CREATE TEMP TABLE seed_batch ON COMMIT DROP AS
WITH base AS (
  SELECT n, gen_random_uuid() AS id, p.partner_id, s.*,
    timestamptz '{FIRST_RECEIVED}' + n * interval '7 seconds'
      + (1 + n % 999983) * interval '1 microsecond' AS received_at,
    convert_to(replace($4::text, '{PLACEHOLDER}', n::text), 'UTF8') AS document
  FROM generate_series($1::bigint, $2::bigint) AS n
  JOIN unnest($3::uuid[]) WITH ORDINALITY AS p(partner_id, pi)
    ON p.pi = 1 + n % cardinality($3::uuid[])
  -- Services turn over per round of partners, so every partner gets all of them.
  JOIN seed_services AS s
    ON s.si = 1 + (n / cardinality($3::uuid[])) % (SELECT count(*) FROM seed_services)
), timed AS (
  SELECT base.*,
    received_at + registration_interval AS registration_due_at,
    received_at + interval '2.5 seconds' AS registered_at,
    received_at + interval '2.5 seconds' + step_interval AS step_due_at,
    extract(year FROM received_at AT TIME ZONE 'Asia/Almaty')::int AS year,
    encode(sha256(document), 'hex') AS document_sha256
  FROM base
), numbered AS (
  SELECT timed.*,
    COALESCE((SELECT c.last FROM journal_counters AS c
              WHERE c.journal = 'incoming:' || timed.code AND c.year = timed.year), 0)
      + row_number() OVER (PARTITION BY code, year ORDER BY n) AS journal_seq
  FROM timed
), registered AS (
  SELECT numbered.*,
    upper(code) || '/' || year || '/' || lpad(journal_seq::text, 6, '0') AS registration_number,
    '{{"counts_from":"' || {_iso("received_at")} || '","document_sha256":"' || document_sha256
      || '","registration_due_at":"' || {_iso("registration_due_at")}
      || '","service":"' || code || '"}}' AS received_data
  FROM numbered
), received AS (
  SELECT registered.*,
    '{{"action":"register","due_at":' || {_json_text(_iso("step_due_at"))}
      || ',"from":"{RECEIVED.code}","registration_number":"' || registration_number
      || '","step":' || {_json_text("step")} || ',"to":"' || target || '"}}' AS changed_data,
    encode(sha256(decode(repeat('0', 64), 'hex') || convert_to(
      '{{"actor":"partner:' || partner_id || '","application_id":"' || id || '","data":'
      || received_data || ',"kind":"{RECEIVED.code}","occurred_at":"' || {_iso("received_at")}
      || '","seq":1}}', 'UTF8')), 'hex') AS received_hash
  FROM registered
)
SELECT received.*,
  encode(sha256(decode(received_hash, 'hex') || convert_to(
    '{{"actor":"{SYSTEM.label}","application_id":"' || id || '","data":' || changed_data
    || ',"kind":"{STATUS_CHANGED}","occurred_at":"' || {_iso("registered_at")}
    || '","seq":2}}', 'UTF8')), 'hex') AS changed_hash
FROM received
"""

_INSERTS = (
    """
    INSERT INTO applications (id, partner_id, service, status, current_step, applicant_iin,
      applicant_name, signature_format, signed_document, signature, document_sha256, form,
      signer, received_at, counts_from, registration_due_at, registration_number,
      registered_at, total_due_at, created_at, updated_at)
    SELECT id, partner_id, code, target, step, '9' || lpad(n::text, 11, '0'),
      'Seeded applicant ' || n, 'cms-detached', document, $1::bytea, document_sha256,
      convert_from(document, 'UTF8')::jsonb -> 'form',
      jsonb_build_object('iin', '9' || lpad(n::text, 11, '0'), 'name', 'Seeded applicant ' || n,
        'serial', md5(n::text), 'issuer', 'CN=NCA test', 'not_after', '2027-01-01T00:00:00Z'),
      received_at, received_at, registration_due_at, registration_number, registered_at,
      received_at + total_interval, received_at, registered_at
    FROM seed_batch
    """,
    """
    INSERT INTO idempotency_records (partner_id, key, request_sha256, status_code,
      response_body, created_at)
    SELECT partner_id, 'seed-' || id, encode(sha256(document || '\\x01'::bytea), 'hex'), 202,
      convert_to('{"id":"' || id || '","status":"received","received_at":"'
        || received_at || '","registration_due_at":"' || registration_due_at
        || '","status_token":"' || md5(id::text) || md5(n::text) || '"}', 'UTF8'),
      received_at
    FROM seed_batch
    """,
    """
    INSERT INTO events (application_id, seq, kind, actor, data, occurred_at, prev_hash, hash)
    SELECT id, 1, 'received', 'partner:' || partner_id, received_data::jsonb, received_at,
      repeat('0', 64), received_hash FROM seed_batch
    UNION ALL
    SELECT id, 2, 'status_changed', $1, changed_data::jsonb, registered_at,
      received_hash, changed_hash FROM seed_batch
    """,
    """
    INSERT INTO workflow_steps (application_id, service, step, role, state, started_at, term,
      due_at, reasons, completed_at, completed_by, outcome)
    SELECT id, code, 'registration', registration_role, 'done', received_at,
      registration_term, registration_due_at, '[]'::jsonb, registered_at, $1, 'registered'
    FROM seed_batch
    UNION ALL
    SELECT id, code, step, step_role, 'open', registered_at, step_term, step_due_at, '[]'::jsonb,
      NULL, NULL, NULL
    FROM seed_batch WHERE step IS NOT NULL
    """,
    """
    INSERT INTO journal_entries (journal, year, seq, number, application_id, entered_at,
      columns)
    SELECT 'incoming:' || code, year, journal_seq, registration_number, id, registered_at,
      jsonb_build_object('applicant', 'Seeded applicant ' || n)
    FROM seed_batch
    """,
    """
    INSERT INTO journal_counters (journal, year, last)
    SELECT 'incoming:' || code, year, max(journal_seq) FROM seed_batch GROUP BY code, year
    ON CONFLICT (journal, year) DO UPDATE
      SET last = GREATEST(journal_counters.last, excluded.last)
    """,
    """
    INSERT INTO outbox (id, job, payload, created_at, sent_at, done_at)
    SELECT gen_random_uuid(), $1, jsonb_build_object('application_id', id), received_at,
      received_at + interval '0.1 seconds', registered_at
    FROM seed_batch
    """,
    """
    INSERT INTO status_tokens (id, application_id, partner_id, token_hash, created_at)
    SELECT gen_random_uuid(), id, partner_id, encode(sha256(convert_to(id::text, 'UTF8')
      || '\\x02'::bytea), 'hex'), received_at
    FROM seed_batch
    """,
)


@dataclass(frozen=True)
class SeedReport:
    added: int
    total: int
    seconds: float
    database_bytes: int


def _document_template() -> str:
    document = example_application("declarant-certificate", iin="871008401427")
    document["applicant"]["contacts"]["email"] = f"seed.{PLACEHOLDER}@example.kz"
    return json.dumps(document, ensure_ascii=False)


async def _install_services(connection: AsyncConnection) -> None:
    await connection.exec_driver_sql(_SERVICES)
    for si, seed in enumerate(service_seeds(), start=1):
        await connection.execute(
            text(
                "INSERT INTO seed_services VALUES (:si, :code, :target, :step, :step_role, "
                ":step_term, :step_interval, :registration_role, "
                ":registration_term, :registration_interval, "
                ":total_interval)"
            ),
            {
                "si": si,
                "code": seed.code,
                "target": seed.target,
                "step": seed.step,
                "step_role": seed.step_role,
                "step_term": seed.step_term,
                "step_interval": term_interval(seed.step_term),
                "registration_role": seed.registration_role,
                "registration_term": seed.registration_term,
                "registration_interval": term_interval(seed.registration_term),
                "total_interval": term_interval(seed.total_term),
            },
        )


async def _seed_batch(
    connection: AsyncConnection,
    first: int,
    last: int,
    partners: Sequence[uuid.UUID],
    template: str,
    signature: bytes,
) -> None:
    """Applications ``first`` to ``last`` (numbers of the series) in one transaction."""
    async with connection.begin():
        # A seed lost in a crash is seeded again; the bench does not need each batch durable.
        await connection.exec_driver_sql("SET LOCAL synchronous_commit = off")
        # The journal numbers read below stay ours until commit (registrations wait).
        await connection.exec_driver_sql("LOCK TABLE journal_counters IN EXCLUSIVE MODE")
        await connection.exec_driver_sql(_BATCH, (first, last, list(partners), template))
        parameters: dict[int, tuple[Any, ...]] = {
            0: (signature,),
            2: (SYSTEM.label,),
            3: (SYSTEM.label,),
            6: (Job.REGISTER_APPLICATION.value,),
        }
        for index, statement in enumerate(_INSERTS):
            await connection.exec_driver_sql(statement, parameters.get(index, ()))


async def _partners(engine: AsyncEngine, wanted: int) -> list[uuid.UUID]:
    """``wanted`` partners: the oldest existing ones, then new ones."""
    async with engine.connect() as connection:
        rows = await connection.exec_driver_sql(
            "SELECT id FROM partners ORDER BY created_at, id LIMIT $1", (wanted,)
        )
        ids = [row[0] for row in rows]
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        for number in range(len(ids), wanted):
            partner, _ = await create_partner(session, f"seed partner {number}", ["submit", "read"])
            ids.append(partner.id)
    return ids


async def _count(connection: AsyncConnection, sql: str) -> int:
    return int((await connection.exec_driver_sql(sql)).scalar_one())


async def seed(
    database_url: str,
    *,
    add: int,
    partners: Sequence[uuid.UUID] | int = 20,
    batch: int = BATCH,
    progress: bool = False,
) -> SeedReport:
    """Add ``add`` registered applications over ``partners`` (ids, or how many to use)."""
    started = time.monotonic()
    engine = create_engine(database_url, pool_size=1)
    try:
        partner_ids = (
            await _partners(engine, partners) if isinstance(partners, int) else list(partners)
        )
        signature = random.Random(18).randbytes(1800)  # filler bytes, not a secret
        template = _document_template()
        async with engine.connect() as connection:
            await connection.commit()  # the connection's implicit transaction, if any
            await _install_services(connection)
            await connection.commit()
            # Series numbers continue after the largest seeded one, so dates keep rising.
            start = 1 + await _count(
                connection,
                "SELECT COALESCE(max(substr(applicant_iin, 2)::bigint), 0) FROM applications "
                "WHERE applicant_name LIKE 'Seeded applicant %'",
            )
            await connection.commit()
            for first in range(start, start + add, batch):
                last = min(first + batch, start + add) - 1
                await _seed_batch(connection, first, last, partner_ids, template, signature)
                if progress:
                    done = last - start + 1
                    print(f"seeded {done}/{add} ({time.monotonic() - started:.0f} s)", flush=True)
            await connection.exec_driver_sql("ANALYZE")
            await connection.commit()
            total = await _count(connection, "SELECT count(*) FROM applications")
            size = await _count(connection, "SELECT pg_database_size(current_database())")
    finally:
        await engine.dispose()
    return SeedReport(add, total, round(time.monotonic() - started, 1), size)


async def seed_to(
    database_url: str, total: int, *, partners: Sequence[uuid.UUID] | int = 20
) -> SeedReport:
    """Seed until the database holds ``total`` applications (none added when it does)."""
    engine = create_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            stored = await _count(connection, "SELECT count(*) FROM applications")
    finally:
        await engine.dispose()
    return await seed(database_url, add=max(0, total - stored), partners=partners, progress=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.seed", description=__doc__)
    parser.add_argument(
        "--applications", type=int, required=True, help="seed until this many are stored"
    )
    parser.add_argument("--partners", type=int, default=20, help="partners to spread them over")
    parser.add_argument("--database-url", default=os.environ.get("QAQPA_DATABASE_URL"))
    arguments = parser.parse_args(argv)
    if not arguments.database_url:
        parser.error("--database-url or QAQPA_DATABASE_URL is needed")
    report = asyncio.run(
        seed_to(arguments.database_url, arguments.applications, partners=arguments.partners)
    )
    print(
        f"added {report.added} applications in {report.seconds} s; {report.total} stored, "
        f"database {report.database_bytes / 2**20:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
