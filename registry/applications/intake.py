"""Intake: an accepted application is written in ONE transaction, or not at all.

The transaction holds the idempotency record, the application, its attachments, its first
event, the outbox row that hands it to the workers and the hash of the applicant's status
token. The idempotency record goes first:
its primary key (partner, key) makes a concurrent duplicate wait for the first transaction
and then find the record, so one key can never yield two applications.

It is ONE statement (data-modifying CTEs), sent in autocommit: PostgreSQL runs a statement
outside a transaction block as its own transaction, so one round trip writes and durably
commits all six kinds of row (the foreign keys are checked at the end of the statement). Through
the ORM it took a BEGIN, five INSERTs and a COMMIT, each a round trip and a compilation; the
SQL here is sent as is (``exec_driver_sql``), prepared once per connection by asyncpg.
Every other row INSERT hangs off ``claim``: when the idempotency key is taken, nothing is
written.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from registry import outbox
from registry.applications.events import GENESIS_HASH, event_row
from registry.ids import uuid7
from registry.outbox import Job

RECEIVED = "received"


class NewAttachment(msgspec.Struct, frozen=True):
    name: str
    media_type: str
    sha256: str
    content: bytes


class NewApplication(msgspec.Struct, frozen=True, kw_only=True):
    """Everything intake learnt about a verified application."""

    id: uuid.UUID
    partner_id: uuid.UUID
    service: str
    applicant_iin: str | None
    applicant_bin: str | None
    applicant_name: str
    signature_format: str
    signed_document: bytes
    signature: bytes | None
    document_sha256: str
    form: dict[str, Any]
    signer: dict[str, Any]
    received_at: datetime
    counts_from: datetime
    registration_due_at: datetime
    attachments: list[NewAttachment]
    # The SHA-256 of the applicant's status token handed back in the 202 (status_tokens.py).
    status_token_hash: str | None = None


class StoredAnswer(msgspec.Struct, frozen=True):
    """The answer recorded for an idempotency key."""

    request_sha256: str
    status_code: int
    body: bytes


_STORE = f"""
WITH claim AS (
  INSERT INTO idempotency_records (partner_id, key, request_sha256, status_code, response_body)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT DO NOTHING
  RETURNING partner_id
), application AS (
  INSERT INTO applications (id, partner_id, service, status, current_step, applicant_iin,
    applicant_bin, applicant_name, signature_format, signed_document, signature,
    document_sha256, form, signer, received_at, counts_from, registration_due_at)
  SELECT $6, partner_id, $7, 'received', 'registration', $8, $9, $10, $11, $12, $13, $14,
    $15::jsonb, $16::jsonb, $17, $18, $19
  FROM claim
  RETURNING id
), attachment AS (
  INSERT INTO attachments (application_id, name, media_type, sha256, size, content)
  SELECT application.id, item.name, item.media_type, item.sha256, item.size, item.content
  FROM application,
    unnest($20::text[], $21::text[], $22::text[], $23::int[], $24::bytea[])
      AS item(name, media_type, sha256, size, content)
), event AS (
  INSERT INTO events (application_id, seq, kind, actor, data, occurred_at, prev_hash, hash)
  SELECT id, $25, $26, $27, $28::jsonb, $17, $29, $30 FROM application
), outbox AS (
  {outbox.insert_statement("application", 31)}
), token AS (
  INSERT INTO status_tokens (id, application_id, partner_id, token_hash)
  SELECT $34, application.id, $1, given.hash
  FROM application, (SELECT $35::varchar AS hash) AS given
  WHERE given.hash IS NOT NULL
)
SELECT count(*) FROM claim
"""  # noqa: S608 - built at import from constants

_ANSWER = """
SELECT request_sha256, status_code, response_body FROM idempotency_records
WHERE partner_id = $1 AND key = $2
"""


async def autocommit(session: AsyncSession) -> AsyncConnection:
    """The session's connection in autocommit: each statement is its own transaction, and
    no BEGIN or ROLLBACK round trip is spent around a single statement."""
    if session.info.get("autocommit"):  # set on this session's connection already
        return await session.connection()
    connection = await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    session.info["autocommit"] = True
    return connection


async def stored_answer(
    connection: AsyncConnection, partner_id: uuid.UUID, key: str
) -> StoredAnswer | None:
    """The answer recorded under ``key``, on a connection in autocommit (intake's engine).

    It is intake's first statement on a connection taken without a ping (issue 18: the ping
    was a round trip per request), so it doubles as the ping: on a connection PostgreSQL
    dropped (a restart, an idle timeout) it is read once more on a fresh one. Only this read
    is repeated; the store that follows on the same connection is never sent twice.
    """
    try:
        return await _answer(connection, partner_id, key)
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise
    await connection.rollback()  # lets the connection take a new one from the pool
    return await _answer(connection, partner_id, key)


async def _answer(
    connection: AsyncConnection, partner_id: uuid.UUID, key: str
) -> StoredAnswer | None:
    row = (await connection.exec_driver_sql(_ANSWER, (partner_id, key))).mappings().first()
    if row is None:
        return None
    return StoredAnswer(row["request_sha256"], row["status_code"], row["response_body"])


async def record_submission(
    sessions: async_sessionmaker[AsyncSession],
    new: NewApplication,
    *,
    idempotency_key: str,
    request_sha256: str,
    status_code: int,
    response_body: bytes,
) -> StoredAnswer | None:
    """Store the application; None when stored, else the answer an earlier request recorded."""
    async with sessions() as session:
        return await store_submission(
            await autocommit(session),
            new,
            idempotency_key=idempotency_key,
            request_sha256=request_sha256,
            status_code=status_code,
            response_body=response_body,
        )


async def store_submission(
    connection: AsyncConnection,
    new: NewApplication,
    *,
    idempotency_key: str,
    request_sha256: str,
    status_code: int,
    response_body: bytes,
) -> StoredAnswer | None:
    """:func:`record_submission` on ``connection``, in autocommit (intake's engine: the gateway
    takes a plain connection, no ORM session, for the lookup and the store)."""
    parameters = (
        new.partner_id,
        idempotency_key,
        request_sha256,
        status_code,
        response_body,
        *_application_values(new),
        *_event_values(new),
        *outbox.insert_parameters(Job.REGISTER_APPLICATION, {"application_id": str(new.id)}),
        uuid7(),
        new.status_token_hash,
    )
    claimed = (await connection.exec_driver_sql(_STORE, parameters)).scalar_one()
    if claimed:
        return None
    # Lost the race: the winner has committed (the INSERT waited for it); replay it.
    answer = await _answer(connection, new.partner_id, idempotency_key)
    if answer is None:  # the winner rolled back after all; the client may retry
        raise RuntimeError("idempotency record vanished")
    return answer


def _json(value: Any) -> str:
    return msgspec.json.encode(value).decode()


def _application_values(new: NewApplication) -> tuple[Any, ...]:
    """$6 to $24: the application's columns, then its attachments as parallel arrays."""
    items = new.attachments
    return (
        new.id,
        new.service,
        new.applicant_iin,
        new.applicant_bin,
        new.applicant_name,
        new.signature_format,
        new.signed_document,
        new.signature,
        new.document_sha256,
        _json(new.form),
        _json(new.signer),
        new.received_at,
        new.counts_from,
        new.registration_due_at,
        [item.name for item in items],
        [item.media_type for item in items],
        [item.sha256 for item in items],
        [len(item.content) for item in items],
        [item.content for item in items],
    )


def _event_values(new: NewApplication) -> tuple[Any, ...]:
    """$25 to $30: the first event of the application's hash chain."""
    first = event_row(
        new.id,
        1,
        GENESIS_HASH,
        RECEIVED,
        f"partner:{new.partner_id}",
        {
            "service": new.service,
            "document_sha256": new.document_sha256,
            "counts_from": new.counts_from.isoformat(),
            "registration_due_at": new.registration_due_at.isoformat(),
        },
        new.received_at,
    )
    return (
        first["seq"],
        first["kind"],
        first["actor"],
        _json(first["data"]),
        first["prev_hash"],
        first["hash"],
    )
