"""Goods-declaration registration numbers ``OFFICE/DDMMYY/NNNNNNN``, entered in the journal.

The EAEU registration number is the 8-digit code of the customs office, the registration date
and a 7-digit sequence that restarts every day at each office. The day is the local (UTC+5)
calendar day. Each office and day is its own journal in :mod:`registry.workflow.journal`
(key :func:`journal_key`), so the counter row ``INSERT ... ON CONFLICT DO UPDATE`` locks until
commit serialises concurrent registrations at one office without serialising the others, and a
rolled-back registration gives its number back: no duplicates and no gaps.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from registry.calendar import to_local
from registry.workflow.journal import enter

JOURNAL = "customs-declarations"
OFFICE_PATTERN = re.compile(r"^\d{8}$")
MAX_SEQUENCE = 9_999_999


def journal_key(office_code: str, day: date) -> str:
    """The journal of one office's registrations on one local day."""
    return f"{JOURNAL}:{office_code}:{day:%Y%m%d}"


async def registration_number(
    session: AsyncSession,
    office_code: str,
    at: datetime,
    *,
    declarant: str | None = None,
    application_id: uuid.UUID | None = None,
) -> str:
    """The next registration number of ``office_code`` on the local (UTC+5) day of ``at``,
    entered in the goods-declaration registration journal in the caller's transaction.

    The journal line's columns are the number, the declarant (BIN/IIN, when given), the office
    and the registration moment. Raises ``ValueError`` for an office code that is not 8 digits,
    and when an office has used all 9,999,999 numbers of a day.
    """
    if not OFFICE_PATTERN.fullmatch(office_code):
        raise ValueError(f"customs office code must be 8 digits, not {office_code!r}")
    day = to_local(at).date()
    number = await enter(
        session,
        journal_key(office_code, day),
        at=at,
        number_format=f"{office_code}/{day:%d%m%y}/{{seq:07d}}",
        application_id=application_id,
        columns={
            "declarant": declarant,
            "office": office_code,
            "registered_at": at.isoformat(),
        },
    )
    if int(number.rsplit("/", 1)[1]) > MAX_SEQUENCE:
        raise ValueError(f"office {office_code} has used every number of {day:%d.%m.%Y}")
    return number
