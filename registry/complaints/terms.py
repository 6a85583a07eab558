"""The complaint terms, the same for every service (docs/SERVICES.md, "Complaints").

The S8 regulation (004) is the one that states them, and the law on public services sets the
same terms for every service, so Qaqpa applies them to all services of the catalogue:

* a complaint to the provider's head is reviewed within **5 working days**, one to the
  authorised quality-control body within **15 working days**, from its registration;
* the official may settle it within **3 working days** by granting the request.

A complaint is registered on receipt under the applications' receipt rule (after 17:00, on a
weekend or a holiday it counts from 09:00 of the next working day); both terms run from that
moment and are stored with the calendar's reasons.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec

from registry.calendar import Reason, Term, Unit, WorkingCalendar, add_term, receipt

Level = Literal["provider", "authority"]

REVIEW_TERMS: dict[Level, Term] = {
    "provider": Term(5, Unit.WORKING_DAYS),
    "authority": Term(15, Unit.WORKING_DAYS),
}
SETTLE_TERM = Term(3, Unit.WORKING_DAYS)


class ComplaintTimes(msgspec.Struct, frozen=True, kw_only=True):
    """When a complaint arriving at ``received_at`` counts from and its two due times."""

    received_at: datetime
    counts_from: datetime
    term: Term
    due_at: datetime
    reasons: list[Reason]  # receipt's reasons, then the review term's
    settle_term: Term
    settle_due_at: datetime
    settle_reasons: list[Reason]  # receipt's reasons, then the settlement term's


def complaint_times(
    calendar: WorkingCalendar, received_at: datetime, level: Level
) -> ComplaintTimes:
    """The stored times of a ``level`` complaint arriving at ``received_at``."""
    arrived = receipt(calendar, received_at)
    term = REVIEW_TERMS[level]
    review = add_term(calendar, arrived.counts_from, term)
    settle = add_term(calendar, arrived.counts_from, SETTLE_TERM)
    return ComplaintTimes(
        received_at=arrived.received_at,
        counts_from=arrived.counts_from,
        term=term,
        due_at=review.due,
        reasons=arrived.reasons + review.reasons,
        settle_term=SETTLE_TERM,
        settle_due_at=settle.due,
        settle_reasons=arrived.reasons + settle.reasons,
    )
