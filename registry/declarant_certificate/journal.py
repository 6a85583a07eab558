"""Numbers the exam gives: session protocols, and the journal of certificates and badges.

Both restart each year (001 annex 1: "реттік сан жыл басынан басталады") and come from
:func:`registry.workflow.journal.next_number`, so they have no gaps.

* A session's protocol is numbered when the exam is held: ``П-<n>/<year>``.
* A pass enters a line in the journal of certificates and badges (annex 1); its number ``<n>``
  is the column "no.", the certificate number is ``<nnnn>/<year>`` and the badge number
  ``Б-<nnnn>/<year>`` (unique across years because they carry the year). The line holds the
  annex's nine columns; the recipient's signature of the paper journal is the electronic
  delivery to the applicant's personal cabinet, so the column names the recipient only.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

import msgspec
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from registry.calendar import to_local
from registry.declarant_certificate.service import SERVICE
from registry.models import JournalEntry
from registry.workflow.journal import next_number

PROTOCOLS = f"exam-protocols:{SERVICE}"
CERTIFICATES = f"certificates:{SERVICE}"


class JournalLine(msgspec.Struct, frozen=True, kw_only=True):
    """One line of the journal of certificates and badges, in the columns of 001 annex 1."""

    no: int  # 1: реттік нөмір, restarting each year
    full_name: str  # 2: specialist's full name
    certificate_number: str  # 3
    badge_number: str  # 4
    protocol_number: str  # 5: exam protocol number ...
    protocol_date: date  # 5: ... and date
    issue_date: date  # 6: the certificate's date
    valid_until: date  # 7: validity period (until)
    recipient: str  # 8: recipient (the signature: delivery to the personal cabinet)
    note: str | None = None  # 9


async def protocol_number(session: AsyncSession, at: datetime) -> str:
    year = to_local(at).year
    return f"П-{await next_number(session, PROTOCOLS, year)}/{year}"


async def enter_certificate(
    session: AsyncSession,
    *,
    at: datetime,
    application_id: uuid.UUID | None,
    full_name: str,
    protocol: tuple[str, date],
    valid_until: date,
    note: str | None = None,
) -> JournalLine:
    """Give the next certificate and badge numbers of ``at``'s year and enter the line."""
    issued = to_local(at).date()
    seq = await next_number(session, CERTIFICATES, issued.year)
    line = JournalLine(
        no=seq,
        full_name=full_name,
        certificate_number=f"{seq:04d}/{issued.year}",
        badge_number=f"Б-{seq:04d}/{issued.year}",
        protocol_number=protocol[0],
        protocol_date=protocol[1],
        issue_date=issued,
        valid_until=valid_until,
        recipient=full_name,
        note=note,
    )
    await session.execute(
        insert(JournalEntry).values(
            journal=CERTIFICATES,
            year=issued.year,
            seq=seq,
            number=line.certificate_number,
            application_id=application_id,
            entered_at=at,
            columns=msgspec.to_builtins(line),
        )
    )
    return line
