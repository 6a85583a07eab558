"""Intake's registration due times: each service's term from the catalogue, counted by the
calendar from the receipt (weekend, holiday, the 2025 decree transfer, the 17:00 rule)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from registry.calendar.registration import registration_times
from registry.domains import get_service
from testkit.pki.server import BuiltPki
from tests.applications.signed import detached, document_for
from tests.conftest import PartnerKey

KZ = timezone(timedelta(hours=5))


def _due(service: str, arrival: datetime) -> tuple[str, str]:
    definition = get_service(service)
    assert definition is not None
    times = registration_times(arrival, definition.registration_term)
    return times.counts_from.isoformat(), times.due.isoformat()


@pytest.mark.parametrize(
    ("service", "arrival", "counts_from", "due"),
    [
        # Saturday: counts from Monday 09:00; customs has 2 working hours.
        ("customs-release", datetime(2025, 3, 1, 10, 0, tzinfo=KZ),
         "2025-03-03T09:00:00+05:00", "2025-03-03T11:00:00+05:00"),
        # Tuesday 16 December 2025 is Independence Day: counts from Wednesday; 1 working hour.
        ("declarant-certificate", datetime(2025, 12, 16, 10, 0, tzinfo=KZ),
         "2025-12-17T09:00:00+05:00", "2025-12-17T10:00:00+05:00"),
        # Friday 3 January 2025 was moved off by decree and Sunday 5 January made working:
        # an arrival on the 3rd counts from Sunday 09:00.
        ("customs-release", datetime(2025, 1, 3, 10, 0, tzinfo=KZ),
         "2025-01-05T09:00:00+05:00", "2025-01-05T11:00:00+05:00"),
        # After 17:00 on a working day: the next working day 09:00; lunch does not count.
        ("customs-release", datetime(2025, 11, 19, 17, 30, tzinfo=KZ),
         "2025-11-20T09:00:00+05:00", "2025-11-20T11:00:00+05:00"),
        # 17:00 sharp is not after 17:00: it counts at once; 1.5 hours to 18:30 closing.
        ("declarant-certificate", datetime(2025, 11, 19, 17, 0, tzinfo=KZ),
         "2025-11-19T17:00:00+05:00", "2025-11-19T18:00:00+05:00"),
        # 12:30 plus 1 working hour jumps the 13:00-14:30 lunch: 15:00.
        ("pm-import-act", datetime(2025, 11, 19, 12, 30, tzinfo=KZ),
         "2025-11-19T12:30:00+05:00", "2025-11-19T15:00:00+05:00"),
        # Re-export: registered the day of receipt (18:30), or the next working day if late.
        ("reexport-permit", datetime(2025, 11, 21, 17, 30, tzinfo=KZ),
         "2025-11-24T09:00:00+05:00", "2025-11-24T18:30:00+05:00"),
    ],
)  # fmt: skip
def test_registration_due_times(
    service: str, arrival: datetime, counts_from: str, due: str
) -> None:
    assert _due(service, arrival) == (counts_from, due)


async def test_the_answer_carries_the_calendar_due_time(
    client: AsyncTestClient[Litestar], pki: BuiltPki, make_partner: object
) -> None:
    partner: PartnerKey = await make_partner()  # type: ignore[operator]
    body = detached(pki, "individual-sign", document_for())
    answer = (await client.post("/v1/applications", json=body, headers=partner.headers)).json()
    received = datetime.fromisoformat(answer["received_at"])
    expected = _due("declarant-certificate", received)[1]
    assert datetime.fromisoformat(answer["registration_due_at"]) == datetime.fromisoformat(expected)
