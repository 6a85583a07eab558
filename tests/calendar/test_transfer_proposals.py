"""``/v1/admin/calendar-transfers/proposals``: heads change the transfer table with four eyes
(issue 21). The moved due times themselves are tested in test_rederive.py."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.calendar import store
from registry.calendar.current import current_calendar, use_calendar
from tests.workflow import people
from tests.workflow.conftest import MakeOfficer, make_officer  # noqa: F401 - the fixture
from tests.workflow.helpers import Client

PROPOSALS = "/v1/admin/calendar-transfers/proposals"
DAY = date(2031, 11, 12)  # a Wednesday no decree touches (made up)
ADD = {"action": "add", "date": DAY.isoformat(), "kind": "off", "decree": "test order 2031"}


@pytest.fixture
def restore_calendar() -> Iterator[None]:
    before = current_calendar()
    yield
    use_calendar(before)


@pytest.mark.usefixtures("restore_calendar")
async def test_a_second_head_confirms_once_and_others_may_not(
    client: Client,
    make_officer: MakeOfficer,  # noqa: F811 - the fixture
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    head = await make_officer("head", people.iin("76070760006"))
    other = await make_officer("head", people.iin("76080860007"))
    scoped = await make_officer("head", people.iin("76090960008"), services=("reexport-permit",))
    executor = await make_officer("executor", people.iin("76101060009"))

    assert (await client.post(PROPOSALS, json=ADD, headers=executor.headers)).status_code == 403
    narrow = await client.post(PROPOSALS, json=ADD, headers=scoped.headers)
    assert narrow.status_code == 403 and narrow.json()["code"] == "officer_forbidden"
    saturday = {**ADD, "date": "2031-11-15"}
    meaningless = await client.post(PROPOSALS, json=saturday, headers=head.headers)
    assert meaningless.status_code == 422 and meaningless.json()["code"] == "invalid_transfer"
    missing = await client.post(f"{PROPOSALS}/{uuid.uuid4()}/confirmation", headers=other.headers)
    assert missing.status_code == 404
    assert missing.json()["code"] == "transfer_proposal_not_found"

    proposed = await client.post(PROPOSALS, json=ADD, headers=head.headers)
    assert proposed.status_code == 201, proposed.text
    proposal = proposed.json()
    pending = await client.get(PROPOSALS, headers=other.headers)
    assert proposal["id"] in [row["id"] for row in pending.json()]
    async with sessions() as session:
        assert DAY not in [t.date for t in await store.list_transfers(session)]  # not yet

    confirmation = f"{PROPOSALS}/{proposal['id']}/confirmation"
    try:
        confirmed = await client.post(confirmation, headers=other.headers)
        assert confirmed.status_code == 200, confirmed.text
        assert confirmed.json()["status"] == "confirmed"
        async with sessions() as session:
            assert DAY in [t.date for t in await store.list_transfers(session)]
        again = await client.post(confirmation, headers=head.headers)
        assert again.status_code == 409
        assert again.json()["code"] == "transfer_proposal_already_confirmed"
        pending = await client.get(PROPOSALS, headers=other.headers)
        assert proposal["id"] not in [row["id"] for row in pending.json()]
    finally:
        async with sessions() as session, session.begin():
            await store.remove_transfer(session, DAY)
