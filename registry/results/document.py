"""What a result document says: everything the PDF and the XML of a result show, as data.

A decision (approve, refuse, release, ...) builds one :class:`ResultDocument` and stores it
with the result record (status ``awaiting_signature``). The worker renders it to a PDF and to an
XML document and signs both (issue "signed results"); nothing here knows about rendering or
keys. Labels are given in Kazakh, Russian and English; documents print Kazakh and Russian.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

import msgspec

from registry.catalogue.model import LocalizedText

# Stable names of result document types: the XML root carries it, the renderer picks a layout.
DocumentKind = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z][a-z0-9_]*$",
        examples=[
            "reexport_permit",
            "motivated_refusal",
            "refusal_to_accept",
            "customs_release",
            "customs_release_refusal",
            "registration_refusal",
            "declarant_certificate",
            "pm_certificate",
            "pm_conclusion",
            "pm_act",
            "applicant_not_found",
            "complaint_decision",
        ],
    ),
]


class Party(msgspec.Struct, frozen=True, kw_only=True):
    """The addressee (or another party named in the document)."""

    name: str
    iin: str | None = None
    bin: str | None = None
    address: str | None = None
    country: str | None = None


class DocumentField(msgspec.Struct, frozen=True, kw_only=True):
    """One labelled line of the document; ``key`` is also the XML element name."""

    key: Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*$")]
    label: LocalizedText
    value: str | LocalizedText


class DocumentTable(msgspec.Struct, frozen=True, kw_only=True):
    """A table (goods items, journal lines): columns in order, rows keyed by column key."""

    key: Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*$")]
    label: LocalizedText
    columns: list[DocumentField]  # ``value`` of a column is its unit or "" (header = label)
    rows: list[dict[str, str]]
    # The key of the field the table follows on the printed form (the official form's order:
    # S8's goods, boxes 7-13, come after box 6); None: after every field.
    after: str | None = None


class Ground(msgspec.Struct, frozen=True, kw_only=True):
    """A refusal ground as the catalogue states it."""

    code: str
    text: LocalizedText


class DocumentSigner(msgspec.Struct, frozen=True, kw_only=True):
    """Who certifies the document with their EDS (position and name print on it)."""

    position: LocalizedText
    name: str
    iin: str


class ResultDocument(msgspec.Struct, frozen=True, kw_only=True):
    """The full content of one result document of one application."""

    id: uuid.UUID  # the result's id; the public verification URL ends with it
    kind: DocumentKind
    service: str
    title: LocalizedText
    number: str
    issued_on: date
    provider: LocalizedText
    addressee: Party
    application_id: uuid.UUID
    application_number: str | None  # the incoming (registration) number
    application_date: date | None
    fields: list[DocumentField] = []
    tables: list[DocumentTable] = []
    grounds: list[Ground] = []
    explanation: str | None = None  # the officer's free text (motivation)
    instructions: str | None = None  # how to remove the grounds
    valid_until: date | None = None
    signer: DocumentSigner | None = None  # known once the signer decides
    verify_url: str | None = None
    decided_at: datetime | None = None
