"""Draft results: the PDF a decision will produce, rendered without a signature.

An officer sees what the applicant will get before committing to it. The draft of a decision
not yet taken is made by taking it for real inside a transaction that is then rolled back:
the same engine, effects, builders and journal number as the real decision (journal numbers
are gapless because a rolled-back transaction gives its number back, registry/workflow/
journal.py), so the preview cannot drift from the result. The transaction is rolled back
before rendering, so no lock is held while fpdf2 works.

Rendering is ``registry.results.render``'s (the one renderer of result documents); drafts
run it as ``python -m registry.results.render.draft`` with the document's JSON on stdin, which
keeps fpdf2's work off the event loop and out of the gateway's memory. (The renderer lived in
``workers`` when this was written; now in registry, the gateway could also call it in a
thread, as its signing sessions do -- gateway/officers/signing.py.)
"""

from __future__ import annotations

import asyncio
import sys
import uuid
from datetime import UTC, datetime
from typing import Any

import msgspec
import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.problems import Problem
from registry.models import Application, Result
from registry.officers.scope import covers
from registry.workflow.actors import Decision
from registry.workflow.tasks import TaskOfficer, decide

RENDERER = "registry.results.render.draft"  # run as a module (see the module doc)
RENDER_SECONDS = 30.0
logger = structlog.get_logger(__name__)


async def render(document: dict[str, Any]) -> bytes:
    """The document's unsigned PDF, from the renderer in its own process."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        RENDERER,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        pdf, error = await asyncio.wait_for(
            process.communicate(msgspec.json.encode(document)), RENDER_SECONDS
        )
    except TimeoutError:
        process.kill()
        await process.wait()
        pdf, error = b"", b"timed out"
    if process.returncode != 0 or not pdf.startswith(b"%PDF-"):
        # The reason names the failure, never the document's contents.
        logger.error(
            "draft_render_failed",
            returncode=process.returncode,
            reason=error.decode(errors="replace").strip().splitlines()[-1:],
        )
        raise Problem(500, "draft_unrenderable", "the draft could not be rendered")
    return pdf


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
