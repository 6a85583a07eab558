"""docs/SERVICES.md: the eight services as the catalogue defines them, rendered as Markdown.

The page has two parts. Above :data:`MARKER` is a hand-written introduction (how terms are
counted, who signs), edited in docs/SERVICES.md itself. Below it, everything is rendered here
from the services of :mod:`registry.domains`, so the page cannot say what the code does not do;
tests/catalogue/test_services_doc.py fails when the committed page differs from this rendering.
After changing a service run ``make docs`` (``python -m registry.services_doc``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from registry.catalogue.model import ServiceDefinition, Transition
from registry.complaints.terms import REVIEW_TERMS, SETTLE_TERM
from registry.domains import SERVICES
from registry.workflow.services import Service

DOCUMENT_PATH = Path(__file__).resolve().parents[1] / "docs" / "SERVICES.md"
MARKER = (
    "<!-- Generated below by `make docs` from each domain's catalogue entry "
    "(registry/<domain>/service.py); edit those. -->"
)


def render(intro: str) -> str:
    """The whole page: ``intro`` (up to, not including, the marker), the marker, the services."""
    parts = [intro.rstrip("\n"), "", MARKER, ""]
    for number, service in enumerate(SERVICES, start=1):
        parts += _service(number, service)
    parts += _complaints()
    return "\n".join(parts)


def intro_of(page: str) -> str:
    """The hand-written part of a rendered page: everything before the marker."""
    head, found, _ = page.partition(MARKER)
    if not found:
        raise ValueError(f"the page has no generated part: the line {MARKER!r} is missing")
    return head


def _service(number: int, entry: Service) -> list[str]:
    service = entry.definition
    steps = {step.code for step in service.steps}
    return [
        f"## S{number} `{service.code}`",
        "",
        *_table(
            ("", ""),
            [
                ("kk", service.names.kk),
                ("ru", service.names.ru),
                ("en", service.names.en),
                ("provider", service.provider.en),
                ("regulation", service.regulation),
                (
                    "applicants",
                    ", ".join(kind.replace("_", " ") for kind in service.applicant_kinds),
                ),
                ("form", f"`{service.form_schema}`"),
                ("registration term", _term(service.registration_term)),
                ("total term", _term(service.total_term, service.total_term_note)),
                ("clock pauses", "yes (waiting for other bodies)" if service.pausable else "no"),
                ("journal", service.journal.en if service.journal else "—"),
                ("may sign for a legal entity", _signing_roles(service)),
            ],
        ),
        "",
        "### Steps",
        "",
        *_table(
            ("step", "name", "role", "term", "basis"),
            [
                (f"`{s.code}`", s.names.en, s.role, _term(s.term), s.term_note or "")
                for s in service.steps
            ],
        ),
        "",
        "### Statuses",
        "",
        *_table(
            ("status", "name", "kind"),
            [
                (f"`{s.code}`", s.names.en, _status_kind(s.code in steps, s.final))
                for s in service.statuses
            ],
        ),
        "",
        "### Transitions",
        "",
        *_table(
            ("action", "from", "to", "roles", "also"),
            [_transition(t) for t in service.transitions],
        ),
        "",
        "### Results",
        "",
        *_table(
            ("outcome", "document", "kind"),
            [
                ("approved", service.result_document.en, f"`{entry.approved.kind}`"),
                ("refused", "motivated refusal", f"`{entry.refused.kind}`"),
            ],
        ),
        "",
        "### Refusal grounds",
        "",
        *_table(("code", "ground"), [(f"`{g.code}`", g.text.en) for g in service.refusal_grounds]),
        "",
    ]


def _signing_roles(service: ServiceDefinition) -> str:
    if "legal_entity" not in service.applicant_kinds:
        return "— (only individuals apply)"
    return ", ".join(f"`{role}`" for role in service.signing_roles)


def _transition(move: Transition) -> tuple[str, ...]:
    also = [f"effect `{move.effect}`"] if move.effect else []
    also += [f"only when the result is {move.when}"] if move.when else []
    also += [f"only for a result decided in `{move.decided_in}`"] if move.decided_in else []
    roles = ", ".join(move.roles)
    return (f"`{move.action}`", f"`{move.source}`", f"`{move.target}`", roles, "; ".join(also))


def _complaints() -> list[str]:
    return [
        "## Complaints (every service)",
        "",
        *_table(
            ("complaint to", "reviewed within"),
            [(f"`{level}`", _term(str(term))) for level, term in REVIEW_TERMS.items()],
        ),
        "",
        "The official may settle a complaint by granting the request within "
        f"{_term(str(SETTLE_TERM))}.",
        "",
    ]


def _term(term: str | None, note: str | None = None) -> str:
    if term is None:
        shown = "none"
    elif term.startswith("0 ") and not term.endswith(("-minutes", "-hours")):
        shown = f"`{term}` (the day of receipt)"
    else:
        shown = f"`{term}`"
    return f"{shown} — {note}" if note else shown


def _status_kind(is_step: bool, final: bool) -> str:
    if final:
        return "final"
    return "step open" if is_step else ""


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    return [line(header), line(["---"] * len(header)), *(line(row) for row in rows)]


def main(argv: Sequence[str] = ()) -> None:
    """Rewrite the generated part of the page (default docs/SERVICES.md), keeping its intro."""
    path = Path(argv[0]) if argv else DOCUMENT_PATH
    path.write_text(render(intro_of(path.read_text(encoding="utf-8"))), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
