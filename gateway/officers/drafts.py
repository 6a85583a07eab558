"""Draft results: the PDF a decision will produce, rendered without a signature.

An officer sees what the applicant will get before committing to it. The draft of a decision
not yet taken is made by taking it for real inside a transaction that is then rolled back:
the same engine, effects, builders and journal number as the real decision (journal numbers
are gapless because a rolled-back transaction gives its number back, registry/workflow/
journal.py), so the preview cannot drift from the result. The transaction is rolled back
before rendering, so no lock is held while fpdf2 works.

Rendering is ``registry.results.render``'s, the one renderer of result documents, so the preview
cannot differ from the issued document; it runs in a thread because fpdf2's work is CPU-bound
and must not hold the event loop (as the signing sessions do, gateway/officers/signing.py).
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from typing import Any

import msgspec
import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.problems import Problem
from registry.models import Application, Result
from registry.officers.scope import TaskOfficer, covers
from registry.results.document import ResultDocument
from registry.results.render import render_pdf
from registry.workflow.actors import Decision
from registry.workflow.tasks import decide

logger = structlog.get_logger(__name__)


async def render(stored: dict[str, Any]) -> bytes:
    """The stored result document's unsigned PDF."""
    try:
        document = msgspec.convert(stored, ResultDocument)
        return await asyncio.to_thread(render_pdf, document)
    except (msgspec.ValidationError, ValueError) as exc:
        # A document the renderer refuses (missing glyphs, unstorable text). The log names the
        # failure's kind, never the document's contents.
        logger.error("draft_render_failed", reason=type(exc).__name__)
        raise Problem(500, "draft_unrenderable", "the draft could not be rendered") from exc


async def decision_draft(
    sessions: async_sessionmaker[AsyncSession],
    task_id: int,
    officer: TaskOfficer,
    action: str,
    decision: Decision,
) -> bytes:
    """The PDF ``action`` on the task would produce; nothing is stored.

    Every refusal ``decide`` would raise (invalid transition, missing grounds, another
    officer's task) comes out the same way; an action that makes no result document is 409
    ``no_result_document``.
    """
    async with sessions() as session:
        transaction = await session.begin()
        try:
            moved = await decide(session, task_id, officer, action, decision, datetime.now(UTC))
            result = None if moved.result_id is None else await session.get(Result, moved.result_id)
            stored = None if result is None else dict(result.document)
        finally:
            await transaction.rollback()
    if stored is None:
        raise Problem(409, "no_result_document", f"{action!r} produces no result document")
    return await render(stored)


async def result_draft(
    sessions: async_sessionmaker[AsyncSession], result_id: uuid.UUID, officer: TaskOfficer
) -> bytes:
    """The stored result as a PDF without a signature (what the signer reviews)."""
    async with sessions() as session:
        result = await session.get(Result, result_id)
        application = (
            None if result is None else await session.get(Application, result.application_id)
        )
        if (
            result is None
            or application is None
            or not covers(officer, application.service, application.form)
        ):
            raise Problem(404, "result_not_found", f"result {result_id} does not exist")
        stored = dict(result.document)
    return await render(stored)
