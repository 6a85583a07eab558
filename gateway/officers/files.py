"""``/v1/officer/applications/{id}``: the file an officer decides from, and draft results.

Scoped like tasks: an application outside the officer's services or offices answers 404
``application_not_found``, exactly as a missing one.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, Response, get, post
from litestar.params import Body, FromPath

from gateway.dependencies import OFFICER_DEPENDENCY, Officer, SharedResources
from gateway.officers.auth import ANY_OFFICER
from gateway.officers.drafts import decision_draft, result_draft
from gateway.problems import Problem
from gateway.worklist.controller import DecisionRequest
from gateway.worklist.params import TaskId
from registry.applications.officer_file import (
    ApplicationFile,
    application_file,
    attachment_content,
)
from registry.workflow.actors import Decision

PDF = "application/pdf"


class OfficerFileController(Controller):
    path = "/v1/officer"
    tags = ["officers"]
    guards = [ANY_OFFICER]
    dependencies = OFFICER_DEPENDENCY

    @get(
        "/applications/{application_id:uuid}",
        summary="The application's file: form, attachments, signature verdict, events, deadlines",
    )
    async def file(
        self, resources: SharedResources, officer: Officer, application_id: FromPath[uuid.UUID]
    ) -> ApplicationFile:
        return await application_file(resources.sessions, application_id, officer)

    @get(
        "/applications/{application_id:uuid}/attachments/{attachment_id:int}",
        summary="Download an attachment as the applicant sent it",
        media_type="application/octet-stream",
    )
    async def attachment(
        self,
        resources: SharedResources,
        officer: Officer,
        application_id: FromPath[uuid.UUID],
        attachment_id: FromPath[int],
    ) -> Response[bytes]:
        async with resources.sessions() as session:
            found = await attachment_content(session, application_id, attachment_id, officer)
        if found is None:
            raise Problem(404, "attachment_not_found", f"attachment {attachment_id} does not exist")
        # Served as a download, never rendered inline: the bytes are the applicant's.
        return Response(
            found.content,
            media_type="application/octet-stream",
            headers={
                "Content-Disposition": f'attachment; filename="attachment-{found.id}"',
                "X-Content-Type-Options": "nosniff",
                "X-Declared-SHA256": found.sha256,
            },
        )

    @post(
        "/tasks/{task_id:int}/draft",
        status_code=200,
        summary="The result PDF a decision would produce, unsigned; nothing is stored",
        media_type=PDF,
    )
    async def draft(
        self,
        resources: SharedResources,
        officer: Officer,
        task_id: TaskId,
        data: Annotated[DecisionRequest, Body(title="Decision")],
    ) -> Response[bytes]:
        decision = Decision(
            grounds=data.grounds, text=data.text, instructions=data.instructions, data=data.data
        )
        pdf = await decision_draft(resources.sessions, task_id, officer, data.action, decision)
        return Response(pdf, media_type=PDF, headers={"Cache-Control": "no-store"})

    @get(
        "/results/{result_id:uuid}/draft",
        summary="A result awaiting its signature as an unsigned PDF (what the signer reviews)",
        media_type=PDF,
    )
    async def result(
        self, resources: SharedResources, officer: Officer, result_id: FromPath[uuid.UUID]
    ) -> Response[bytes]:
        pdf = await result_draft(resources.sessions, result_id, officer)
        return Response(pdf, media_type=PDF, headers={"Cache-Control": "no-store"})
