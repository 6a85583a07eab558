"""The shape of a service definition, and what the public API shows of it.

A :class:`ServiceDefinition` is declarative data (each domain's ``service`` module): the
gateway reads the form Struct from it, the workers read steps and terms, the public endpoint
shows a :class:`PublicService` — the same data without the Python type.

**Terms** are strings in the calendar's syntax ``"N UNIT"``, UNIT one of ``working-minutes``,
``working-hours``, ``working-days``, ``calendar-days`` (see docs/SERVICES.md "How terms
are counted"). Two conventions on top of it:

* ``"0 working-days"`` means **"the day of receipt"** (re-export registration, 004 p.11): zero
  whole working days after the receipt day, so the term ends at 18:30 of the (normalised)
  receipt day. Receipt after 17:00 or outside working time already counts from 09:00 of the
  next working day, so that is the day registration is due. (This is docs/SERVICES.md rule 4 with
  N = 0: "the last day" is the start day. ``registry.calendar`` currently returns the start
  itself for any zero term; the day-of-receipt reading needs ``0 working-days`` → 18:30.)
* ``term: None`` on a step means the regulation gives the step no limit of its own (automated
  checks, waiting for other bodies); it runs inside the service's ``total_term`` or the next
  step's term.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

TERM_PATTERN = r"^(?:0|[1-9]\d*) (?:working-minutes|working-hours|working-days|calendar-days)$"

Term = Annotated[
    str,
    msgspec.Meta(
        pattern=TERM_PATTERN,
        description='Term in the calendar syntax "N UNIT"; "0 working-days" = the day of receipt.',
        examples=["2 working-hours", "30 working-days", "4 calendar-days"],
    ),
]

ApplicantKind = Literal["individual", "legal_entity"]
Role = Literal["clerk", "head", "unit_head", "executor", "signer", "system"]
# NCA roles (signing.identity.ROLES: the EKU OIDs 1.2.398.3.3.4.1.2.1/.2/.3) whose holders may
# sign for a legal entity. HR, employees and information systems never sign applications.
SigningRole = Literal["first_head", "signer", "finance_signer"]
DEFAULT_SIGNING_ROLES: tuple[SigningRole, ...] = ("first_head", "signer")


class LocalizedText(msgspec.Struct, frozen=True, kw_only=True):
    """The same text in Kazakh, Russian and English."""

    kk: str
    ru: str
    en: str


class Step(msgspec.Struct, frozen=True, kw_only=True):
    """One procedure (рәсім) of the service, with who does it and how long it may take."""

    code: Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*$")]
    names: LocalizedText
    role: Role
    term: Term | None
    term_note: str | None = None


class RefusalGround(msgspec.Struct, frozen=True, kw_only=True):
    """A ground for refusing the service (бас тарту негіздемесі)."""

    code: Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*$")]
    text: LocalizedText


# What a transition does besides moving the status (registry.workflow.engine carries it out):
# ``result_approved`` / ``result_refused`` create the result record (its document's data) with
# status ``awaiting_signature``; ``signer_approval`` records the signer after the four-eyes
# check; ``result_cancelled`` cancels the pending result (sent back for rework);
# ``executor_assigned`` records the executor a head chose (``data.executor_id``).
Effect = Literal[
    "result_approved",
    "result_refused",
    "signer_approval",
    "result_cancelled",
    "executor_assigned",
]


# A pending result's outcome, which some transitions are limited to.
Outcome = Literal["approved", "refused"]


class Status(msgspec.Struct, frozen=True, kw_only=True):
    """A status an application of the service can be in; ``final`` ones have no way out."""

    code: Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*$")]
    names: LocalizedText
    final: bool = False


class Transition(msgspec.Struct, frozen=True, kw_only=True):
    """An allowed move: ``action`` taken in status ``source`` by one of ``roles`` leads to
    ``target``. A target that is a step code starts that step (its due time is computed and
    stored). ``when`` limits the move to applications whose pending result has that outcome;
    ``decided_in`` to those whose pending result was decided in that status (a signer's
    return reopens the step where the result was decided, when several steps may decide)."""

    action: Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*$")]
    source: str
    target: str
    roles: tuple[Role, ...]
    effect: Effect | None = None
    when: Outcome | None = None
    names: LocalizedText | None = None
    decided_in: str | None = None


class ServiceDefinition(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the system knows about one service, as data."""

    code: str
    names: LocalizedText
    provider: LocalizedText
    regulation: str
    applicant_kinds: tuple[ApplicantKind, ...]
    form: type[Any]
    form_schema: str
    registration_term: Term
    steps: tuple[Step, ...]
    total_term: Term | None
    total_term_note: str | None
    pausable: bool
    result_document: LocalizedText
    refusal_grounds: tuple[RefusalGround, ...]
    journal: LocalizedText | None = None
    statuses: tuple[Status, ...] = ()
    transitions: tuple[Transition, ...] = ()
    # The financial signer is added only where the application commits the entity's money.
    signing_roles: tuple[SigningRole, ...] = DEFAULT_SIGNING_ROLES


class PublicService(msgspec.Struct, frozen=True, kw_only=True):
    """``GET /v1/services``: a service definition without the Python form type."""

    code: str
    names: LocalizedText
    provider: LocalizedText
    regulation: Annotated[
        str, msgspec.Meta(description="Seed regulation(s) the definition is taken from.")
    ]
    applicant_kinds: tuple[ApplicantKind, ...]
    form_schema: Annotated[
        str, msgspec.Meta(description="OpenAPI component name of the service's form.")
    ]
    registration_term: Term
    steps: tuple[Step, ...]
    total_term: Term | None
    total_term_note: str | None
    pausable: Annotated[
        bool,
        msgspec.Meta(description="The total term pauses while waiting for other bodies."),
    ]
    result_document: LocalizedText
    refusal_grounds: tuple[RefusalGround, ...]
    journal: LocalizedText | None = None
    statuses: tuple[Status, ...] = ()
    transitions: tuple[Transition, ...] = ()
    signing_roles: Annotated[
        tuple[SigningRole, ...],
        msgspec.Meta(
            description=(
                "NCA roles (certificate EKU) that may sign a legal entity's application: "
                "first_head 1.2.398.3.3.4.1.2.1, signer .2.2, finance_signer .2.3. "
                "Individuals sign with their own certificate."
            )
        ),
    ] = DEFAULT_SIGNING_ROLES


def public_service(definition: ServiceDefinition) -> PublicService:
    """The public view: every field of the definition that :class:`PublicService` declares."""
    return PublicService(
        **{name: getattr(definition, name) for name in PublicService.__struct_fields__}
    )
