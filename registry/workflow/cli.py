"""``qaqpa deadlines explain APPLICATION_ID``: each step's start, due time and the reasoning."""

from __future__ import annotations

import sys
import uuid
from typing import Any

import click
from sqlalchemy.ext.asyncio import AsyncSession

from registry.calendar import to_local
from registry.cli_support import print_json
from registry.complaints.explain import render_complaints
from registry.db import run_in_session
from registry.workflow.deadlines import Explanation, explain

LANGUAGES = ("kk", "ru", "en")


@click.group()
def deadlines() -> None:
    """Regulatory deadlines of applications."""


@deadlines.command("explain")
@click.argument("application_id", type=click.UUID)
@click.option("--lang", type=click.Choice(LANGUAGES), default="ru", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
def explain_command(application_id: uuid.UUID, lang: str, as_json: bool) -> None:
    """Print each step's start, term, due time and why (weekends, holidays, lunch, pauses)."""

    async def work(session: AsyncSession) -> Explanation | None:
        return await explain(session, application_id)

    explanation = run_in_session(work)
    if explanation is None:
        click.echo(f"application {application_id} does not exist", err=True)
        sys.exit(1)
    if as_json:
        print_json(explanation)
        return
    click.echo(render(explanation, lang))


def _when(moment: Any) -> str:
    return "—" if moment is None else to_local(moment).strftime("%Y-%m-%d %H:%M (%a)")


def render(explanation: Explanation, lang: str) -> str:
    """The explanation as text, times in Almaty time (UTC+5)."""
    lines = [
        f"{explanation.application_id}  {explanation.service}  status: {explanation.status}",
        f"received {_when(explanation.received_at)}; counts from {_when(explanation.counts_from)}",
    ]
    if explanation.total_due_at is not None:
        lines.append(f"total term due {_when(explanation.total_due_at)}")
    if explanation.paused:
        lines.append("the clock is paused")
    for step in explanation.steps:
        flag = "  MISSED" if step.missed else ""
        lines.append(
            f"- {step.step} [{step.role}, {step.state}] started {_when(step.started_at)}, "
            f"term {step.term or '—'}, due {_when(step.due_at)}, done {_when(step.completed_at)}"
            f"{flag}"
        )
        lines += [f"    · {reason['text'][lang]}" for reason in step.reasons]
    for pause in explanation.pauses:
        lines.append(
            f"- pause ({pause.reason}) {_when(pause.paused_at)} → {_when(pause.resumed_at)}"
        )
    lines += render_complaints(explanation.complaints, lang, _when)
    for move in explanation.moves:
        lines.append(
            f"- {move.subject} {move.name} moved {_when(move.old_due_at)} → "
            f"{_when(move.new_due_at)} ({move.actor}, {_when(move.occurred_at)})"
        )
        lines.append(f"    · {move.reason[lang]}")
    return "\n".join(lines)
