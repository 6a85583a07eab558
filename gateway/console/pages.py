"""``/officer/``: the officer's console pages (server-rendered; the JSON API does the work).

Pages read through the registry like the JSON routes do, with the same scope rules; every
change (claim, assign, decide, log out) is a ``fetch`` from ``console.js`` to the JSON API with
the session cookie and the CSRF header. A page without a live session redirects to the login
page rather than answering 401: a person, not a program, is reading it.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import msgspec
from litestar import Controller, Request, get
from litestar.datastructures import Cookie, State
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from sqlalchemy import select

from gateway.console.auth import ANY_CONSOLE_OFFICER, LoginRequired, to_login
from gateway.console.i18n import LANG_COOKIE
from gateway.console.rendering import page
from gateway.dependencies import OFFICER_DEPENDENCY, Officer, SharedResources
from gateway.officers.auth import AuthenticatedOfficer, authenticate_officer
from gateway.problem_titles import LANGUAGES
from gateway.problems import Problem
from registry.applications.officer_file import application_file, result_list
from registry.domains import CATALOGUE, get_service
from registry.issuing.returns import returnable
from registry.issuing.signers import Awaiting, awaiting_officer, signable_results
from registry.models import WorkflowStep
from registry.officers.repository import list_officers
from registry.officers.roles import ALL
from registry.resources import Resources
from registry.workflow.errors import TaskNotFoundError
from registry.workflow.tasks import ASSIGNING_ROLES, TaskFilter, TaskView, list_tasks, task_view

WORKLIST_LIMIT = 200


async def officer_or_none(request: Request[Any, Any, State]) -> AuthenticatedOfficer | None:
    try:
        return await authenticate_officer(request)
    except Problem:
        return None


class WorklistQuery(msgspec.Struct, frozen=True, kw_only=True):
    """The worklist's filters as the page's form sends them (and its rows URL repeats)."""

    service: str = ""
    step: str = ""
    overdue: bool = False

    def query(self) -> str:
        chosen = {"service": self.service, "step": self.step, "overdue": "1" * self.overdue}
        return urlencode({key: value for key, value in chosen.items() if value})

    async def tasks(self, resources: Resources, officer: AuthenticatedOfficer) -> list[TaskView]:
        where = TaskFilter(
            service=self.service or None,
            step=self.step or None,
            overdue=self.overdue or None,
            limit=WORKLIST_LIMIT,
        )
        async with resources.sessions() as session:
            return await list_tasks(session, officer, where, datetime.now(UTC))


# The worklist's filters, injected by name like the officer (see ``worklist_query``).
Chosen = NamedDependency[WorklistQuery]


def worklist_query(
    service: FromQuery[str | None] = None,
    step: FromQuery[str | None] = None,
    overdue: FromQuery[str | None] = None,
) -> WorklistQuery:
    """The dependency both worklist routes read their filters through."""
    return WorklistQuery(
        service=service or "", step=step or "", overdue=overdue in ("1", "true", "on")
    )


def _services_of(officer: AuthenticatedOfficer) -> list[str]:
    return list(CATALOGUE) if ALL in officer.services else list(officer.services)


async def _to_sign(resources: Resources, officer: AuthenticatedOfficer) -> list[Awaiting]:
    """With officers' own keys: what waits for this officer's signature beside their steps."""
    if resources.settings.officer_signing != "eds":
        return []
    async with resources.sessions() as session:
        return await awaiting_officer(session, officer)


async def _executors(resources: Resources, officer: AuthenticatedOfficer) -> list[Any]:
    if officer.role not in ASSIGNING_ROLES:
        return []
    mine = set(_services_of(officer))
    async with resources.sessions() as session:
        found = await list_officers(session, "executor")
    return [e for e in found if ALL in e.services or mine & set(e.services)]


class ConsoleController(Controller):
    path = "/officer"
    include_in_schema = False
    exception_handlers = {LoginRequired: to_login}
    dependencies = {
        **OFFICER_DEPENDENCY,
        "chosen": Provide(worklist_query, sync_to_thread=False),
    }

    @get("/", summary="The console's start: the worklist")
    async def start(self) -> Redirect:
        return Redirect("/officer/worklist")

    @get("/login", summary="The login page (EDS through NCALayer)")
    async def login(self, request: Request[Any, Any, State]) -> Template | Redirect:
        if await officer_or_none(request) is not None:
            return Redirect("/officer/worklist")
        return page(request, "login.html", None)

    @get("/lang/{language:str}", summary="Switch the console's language (remembered)")
    async def language(
        self, language: FromPath[str], back: FromQuery[str | None] = None
    ) -> Redirect:
        target = back if back and back.startswith("/officer/") and "//" not in back else "/officer/"
        if language not in LANGUAGES:
            return Redirect(target)
        remembered = Cookie(
            key=LANG_COOKIE,
            value=language,
            path="/",
            max_age=365 * 24 * 3600,
            samesite="strict",
            httponly=True,
        )
        return Redirect(target, cookies=[remembered])

    @get("/worklist", summary="The worklist page", guards=[ANY_CONSOLE_OFFICER])
    async def worklist(
        self,
        request: Request[Any, Any, State],
        resources: SharedResources,
        officer: Officer,
        chosen: Chosen,
    ) -> Template:
        services = _services_of(officer)
        # The steps of the officer's role (code -> a service that has it, to name it).
        steps = {
            s.code: code
            for code in services
            if (d := get_service(code))
            for s in d.steps
            if s.role == officer.role
        }
        query = chosen.query()
        return page(
            request,
            "worklist.html",
            officer,
            tasks=await chosen.tasks(resources, officer),
            services=services,
            steps=steps,
            chosen=chosen,
            rows_url="/officer/worklist/rows" + (f"?{query}" if query else ""),
            executors=await _executors(resources, officer),
            to_sign=await _to_sign(resources, officer),
            now=datetime.now(UTC),
        )

    @get(
        "/worklist/rows",
        summary="The worklist's rows (the page polls them)",
        guards=[ANY_CONSOLE_OFFICER],
    )
    async def worklist_rows(
        self,
        request: Request[Any, Any, State],
        resources: SharedResources,
        officer: Officer,
        chosen: Chosen,
    ) -> Template:
        return page(
            request,
            "worklist_rows.html",
            officer,
            tasks=await chosen.tasks(resources, officer),
            executors=await _executors(resources, officer),
        )

    @get(
        "/worklist/to-sign",
        summary="What awaits the officer's signature (the page refreshes it)",
        guards=[ANY_CONSOLE_OFFICER],
    )
    async def worklist_to_sign(
        self, request: Request[Any, Any, State], resources: SharedResources, officer: Officer
    ) -> Template:
        return page(
            request, "worklist_to_sign.html", officer, to_sign=await _to_sign(resources, officer)
        )

    @get(
        "/applications/{application_id:uuid}",
        summary="The file page, with the decision form",
        guards=[ANY_CONSOLE_OFFICER],
    )
    async def file(
        self,
        request: Request[Any, Any, State],
        resources: SharedResources,
        officer: Officer,
        application_id: FromPath[uuid.UUID],
    ) -> Template:
        found = await application_file(resources.sessions, application_id, officer)
        task = await _open_task(resources, application_id, officer)
        definition = get_service(found.service)
        refusing = sorted(
            {
                t.action
                for t in (definition.transitions if definition else ())
                if t.source == found.status and t.effect == "result_refused"
            }
        )
        pending = [r for r in found.results if r.status == "awaiting_signature"]
        # The signer's open step on a result awaiting signature: they may return it.
        signer_task = (
            task
            if task is not None and officer.role == "signer" and "return" in task.actions
            else None
        )
        eds_signing = resources.settings.officer_signing == "eds"
        signable: dict[uuid.UUID, str] = {}
        async with resources.sessions() as session:
            if eds_signing:
                signable = dict(await signable_results(session, application_id, officer))
            # The flow's return fits the pending result (its outcome, the step that decided it).
            flow_return = signer_task is not None and await returnable(session, application_id)
        return page(
            request,
            "file.html",
            officer,
            file=found,
            task=task,
            refusing=refusing,
            pending=pending,
            signer_task=signer_task if pending else None,
            flow_return=flow_return,
            signable=signable,
            eds_signing=eds_signing,
        )

    @get(
        "/applications/{application_id:uuid}/results",
        summary="The file's result list (the page polls it)",
        guards=[ANY_CONSOLE_OFFICER],
    )
    async def file_results(
        self,
        request: Request[Any, Any, State],
        resources: SharedResources,
        officer: Officer,
        application_id: FromPath[uuid.UUID],
    ) -> Template:
        results = await result_list(resources.sessions, application_id, officer)
        return page(request, "file_results.html", officer, results=results)


async def _open_task(
    resources: Resources, application_id: uuid.UUID, officer: AuthenticatedOfficer
) -> TaskView | None:
    """The open step of the officer's role on this application, when they may see it."""
    async with resources.sessions() as session:
        step_id = await session.scalar(
            select(WorkflowStep.id).where(
                WorkflowStep.application_id == application_id,
                WorkflowStep.state == "open",
                WorkflowStep.role == officer.role,
            )
        )
        if step_id is None:
            return None
        try:
            return await task_view(session, step_id, officer, datetime.now(UTC))
        except TaskNotFoundError:
            return None
