"""Registration times of an arriving application: what intake stores.

An application arriving at ``received_at`` counts as received at ``counts_from`` (the 17:00
and working-hours rule) and must be registered by ``due`` (the service's registration term,
run from ``counts_from``). Computed with the process-wide calendar.

Catalogue convention (``registry.catalogue.model``): a registration term of zero *days*
(``"0 working-days"``) means "on the day of receipt", so it is due at 18:30 of the day the
application counts from. :func:`add_term` itself keeps every zero term at its start (the
issue's contract: "unless the term is zero"); the convention lives here, where catalogue
terms meet the calendar.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from registry.calendar.arithmetic import add_term, close_of_working_day, receipt
from registry.calendar.current import current_calendar
from registry.calendar.reasons import Reason
from registry.calendar.terms import Term, parse_term


class RegistrationTimes(msgspec.Struct, frozen=True, kw_only=True):
    received_at: datetime
    counts_from: datetime
    due: datetime
    reasons: list[Reason]


def registration_times(received_at: datetime, term: Term | str) -> RegistrationTimes:
    """Receipt and registration due time for an arrival at ``received_at``."""
    calendar = current_calendar()
    parsed = parse_term(term) if isinstance(term, str) else term
    received = receipt(calendar, received_at)
    if parsed.amount == 0 and not parsed.unit.is_working_time:
        due, found = close_of_working_day(calendar, received.counts_from)
    else:
        result = add_term(calendar, received.counts_from, parsed)
        due, found = result.due, result.reasons
    return RegistrationTimes(
        received_at=received.received_at,
        counts_from=received.counts_from,
        due=due,
        reasons=received.reasons + found,
    )
