"""Building a result's document data from an application and a decision.

Each service names a :class:`ResultBuilder` (the result kind and its builder) per outcome in
its domain's :class:`registry.workflow.services.Service`. The generic ones are here: an
approval lists the application form's fields under the catalogue's result title, a refusal is
a motivated refusal (grounds from the catalogue, the officer's motivation and the instructions
for removing the grounds). Services whose annexes prescribe a layout (S1's release decision,
S2's certificate, S8's permit) build their own in their domain package.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

import msgspec

from registry.calendar import to_local
from registry.catalogue.model import LocalizedText, ServiceDefinition
from registry.results.document import DocumentField, Ground, Party, ResultDocument

Outcome = Literal["approved", "refused"]

MOTIVATED_REFUSAL = LocalizedText(
    kk="Мемлекеттік қызмет көрсетуден дәлелді бас тарту",
    ru="Мотивированный отказ в оказании государственной услуги",
    en="Motivated refusal to provide the public service",
)


class BuildContext(msgspec.Struct, frozen=True, kw_only=True):
    """Everything a builder may use; ``form`` is the application's form as JSON."""

    result_id: uuid.UUID
    definition: ServiceDefinition
    application_id: uuid.UUID
    registration_number: str | None
    registered_at: datetime | None
    applicant: Party
    form: dict[str, Any]
    outcome: Outcome
    kind: str
    number: str
    now: datetime
    grounds: list[str]
    text: str | None
    instructions: str | None
    data: dict[str, Any]


Builder = Callable[[BuildContext], ResultDocument]


@dataclass(frozen=True)
class ResultBuilder:
    """The result document of one outcome of a service: its kind and how it is built."""

    kind: str
    build: Builder


def base_document(
    context: BuildContext,
    title: LocalizedText,
    *,
    addressee: Party | None = None,
    **values: Any,
) -> ResultDocument:
    """The parts every result document shares (number, dates, parties), plus ``values``;
    the addressee is the applicant unless the service's annex names it otherwise."""
    registered = context.registered_at
    return ResultDocument(
        id=context.result_id,
        kind=context.kind,
        service=context.definition.code,
        title=title,
        number=context.number,
        issued_on=to_local(context.now).date(),
        provider=context.definition.provider,
        addressee=context.applicant if addressee is None else addressee,
        application_id=context.application_id,
        application_number=context.registration_number,
        application_date=None if registered is None else to_local(registered).date(),
        decided_at=context.now,
        **values,
    )


def approval(context: BuildContext) -> ResultDocument:
    return base_document(
        context,
        context.definition.result_document,
        fields=form_fields(context.definition.form, context.form),
        explanation=context.text,
    )


def cited_grounds(context: BuildContext) -> list[Ground]:
    """The refusal grounds the decision cites, with their catalogue texts."""
    known = {ground.code: ground.text for ground in context.definition.refusal_grounds}
    return [Ground(code=code, text=known[code]) for code in context.grounds]


def motivated_refusal(context: BuildContext) -> ResultDocument:
    return base_document(
        context,
        MOTIVATED_REFUSAL,
        grounds=cited_grounds(context),
        explanation=context.text,
        instructions=context.instructions,
    )


def form_fields(form_type: type[Any], form: dict[str, Any]) -> list[DocumentField]:
    """The form's top-level fields as document lines, labelled by the form's descriptions.

    The forms describe fields as ``"kk / ru."``; a field without a description is labelled by
    its name.
    """
    fields: list[DocumentField] = []
    for name, encode_name, label in _labelled_fields(form_type):
        value = form.get(encode_name)
        if value is None or value in ([], {}):
            continue
        fields.append(DocumentField(key=name, label=label, value=as_text(value)))
    return fields


_LABELLED_FIELDS: dict[type[Any], tuple[tuple[str, str, LocalizedText], ...]] = {}


def _labelled_fields(form_type: type[Any]) -> tuple[tuple[str, str, LocalizedText], ...]:
    """(name, JSON name, label) of each top-level field, worked out once per form type
    (``msgspec.inspect.type_info`` takes 1-2 ms per form, and approvals run on the gateway)."""
    if form_type not in _LABELLED_FIELDS:
        info = msgspec.inspect.type_info(form_type)
        _LABELLED_FIELDS[form_type] = tuple(
            (field.name, field.encode_name, _label(field.type, field.name))
            for field in getattr(info, "fields", ())
        )
    return _LABELLED_FIELDS[form_type]


def _label(info: msgspec.inspect.Type, name: str) -> LocalizedText:
    english = name.replace("_", " ")
    description = None
    if isinstance(info, msgspec.inspect.Metadata):
        description = (info.extra_json_schema or {}).get("description")
    if not isinstance(description, str):
        return LocalizedText(kk=english, ru=english, en=english)
    kk, _, ru = description.partition(" / ")
    return LocalizedText(kk=kk.strip(), ru=(ru or kk).strip(), en=english)


def as_text(value: Any) -> str:
    """A JSON value as one readable line: objects as ``key: value``, lists joined by ``; ``."""
    if isinstance(value, dict):
        return ", ".join(f"{key}: {as_text(item)}" for key, item in value.items() if item)
    if isinstance(value, list):
        return "; ".join(as_text(item) for item in value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def approval_as(kind: str) -> ResultBuilder:
    """The generic approval (the form's fields under the result title), as result ``kind``."""
    return ResultBuilder(kind, approval)


MOTIVATED_REFUSAL_BUILDER = ResultBuilder("motivated_refusal", motivated_refusal)
