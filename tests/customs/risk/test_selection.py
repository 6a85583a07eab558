"""Random selection honours the lanes' minimum rates; selections are reproducible, recorded,
and re-routed only by authorised officers with the earlier selections kept."""

from __future__ import annotations

import math
import uuid
from collections import Counter
from decimal import Decimal

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.customs_release.risk import (
    current_selection,
    record_selection,
    reroute,
    select_corridor,
)
from registry.customs_release.risk.errors import (
    RerouteInvalidError,
    RerouteNotAllowedError,
    RiskSelectionMissingError,
)
from registry.customs_release.risk.repository import list_lanes, set_lane
from registry.customs_release.risk.selection import decide, random_draw
from tests.customs.control.declarations import example, form_of
from tests.workflow.conftest import MakeOfficer
from tests.workflow.helpers import selections_of

SEED = 20261123
COUNT = 10_000
NAMESPACE = uuid.UUID("6f1c2a0e-3b7d-4c55-9a61-0d2f4c8e9b17")


def ids(count: int) -> list[uuid.UUID]:
    """Deterministic application ids (as random as uuid4s, but the same on every run)."""
    return [uuid.uuid5(NAMESPACE, str(n)) for n in range(count)]


async def test_random_rates_within_binomial_tolerance_over_10000_declarations(
    session: AsyncSession,
) -> None:
    """No rule fires, so each lane should get its minimum random rate p of the n = 10,000
    declarations. Tolerance: 4 standard deviations of Binomial(n, p), sqrt(n p (1 - p)); a
    correct implementation fails it with probability about 6e-5 per lane (the seed is fixed,
    so the outcome is in fact the same on every run)."""
    lanes = await list_lanes(session)
    rates = {lane.corridor: float(lane.min_random_rate) for lane in lanes}
    assert rates == {"green": 0.0, "blue": 0.01, "yellow": 0.03, "red": 0.01}
    counts = Counter(decide([], lanes, random_draw(SEED, app)).corridor for app in ids(COUNT))
    expected = {**rates, "green": 1 - sum(rates.values())}
    for corridor, p in expected.items():
        tolerance = 4 * math.sqrt(COUNT * p * (1 - p))
        assert abs(counts[corridor] - COUNT * p) <= tolerance, (corridor, counts)


async def test_changed_lanes_change_the_random_rates(session: AsyncSession) -> None:
    await set_lane(session, "yellow", expected_rate=Decimal("0.4"),
                   min_random_rate=Decimal("0.3"), actor="test")  # fmt: skip
    lanes = await list_lanes(session)
    counts = Counter(decide([], lanes, random_draw(SEED, app)).corridor for app in ids(COUNT))
    tolerance = 4 * math.sqrt(COUNT * 0.3 * 0.7)
    assert abs(counts["yellow"] - COUNT * 0.3) <= tolerance, counts


async def test_select_corridor_is_the_same_computation(session: AsyncSession) -> None:
    """The statistical test drives decide() with random_draw(); select_corridor must agree."""
    data, _ = example()
    form = form_of(data)
    lanes = await list_lanes(session)
    apps = ids(400)
    decided = [decide([], lanes, random_draw(SEED, app)) for app in apps]
    assert {selection.corridor for selection in decided} >= {"green", "yellow"}
    for app, expected in zip(apps, decided, strict=True):
        assert await select_corridor(session, app, form, seed=SEED) == expected


async def test_a_selection_is_reproducible_for_a_seed(session: AsyncSession) -> None:
    data, _ = example()
    form = form_of(data)
    app = uuid.uuid4()
    first = await select_corridor(session, app, form, seed=SEED)
    again = await select_corridor(session, app, form, seed=SEED)
    assert first == again and first.random_draw == random_draw(SEED, app)
    assert random_draw(SEED + 1, app) != first.random_draw
    assert random_draw(SEED, uuid.uuid4()) != first.random_draw


def test_draws_are_uniform_on_the_unit_interval() -> None:
    draws = [random_draw(SEED, app) for app in ids(COUNT)]
    assert all(0 <= draw < 1 for draw in draws)
    # Each tenth of [0, 1) holds n/10 draws within 4 standard deviations (sqrt(n * .1 * .9)).
    deciles = Counter(int(draw * 10) for draw in draws)
    assert all(abs(deciles[d] - COUNT / 10) <= 4 * math.sqrt(COUNT * 0.09) for d in range(10))


async def test_every_selection_is_recorded_with_its_fired_rules(
    sessions: async_sessionmaker[AsyncSession], application_id: uuid.UUID
) -> None:
    data, _ = example()
    data["goods"][1]["hs_code"] = "9302000000"  # the seeded rule R-HS-93 sends it to red
    async with sessions() as session, session.begin():
        selection = await select_corridor(session, application_id, form_of(data), seed=SEED)
        await record_selection(session, application_id, selection, actor="system")
    assert selection.corridor == "red" and selection.fired_rules == ["R-HS-93"]
    rows = await selections_of(sessions, application_id)
    async with sessions() as session:
        assert await current_selection(session, application_id) == selection
    assert [(row.kind, row.corridor, row.fired_rules, row.actor) for row in rows] == [
        ("automatic", "red", ["R-HS-93"], "system")
    ]
    assert rows[0].forms_of_control == ["documentary_control", "prohibitions_check", "inspection"]


async def test_an_authorised_officer_reroutes_and_the_previous_selection_is_kept(
    sessions: async_sessionmaker[AsyncSession],
    application_id: uuid.UUID,
    make_officer: MakeOfficer,
) -> None:
    head, clerk = await make_officer("head"), await make_officer("clerk")
    data, _ = example()
    async with sessions() as session, session.begin():
        with pytest.raises(RiskSelectionMissingError):
            await reroute(session, application_id, "red", ["inspection"],
                          officer_id=head.id, reason="tip-off")  # fmt: skip
        automatic = await select_corridor(session, application_id, form_of(data), seed=SEED)
        await record_selection(session, application_id, automatic, actor="system")
    async with sessions() as session, session.begin():
        with pytest.raises(RerouteNotAllowedError):
            await reroute(session, application_id, "red", ["inspection"],
                          officer_id=clerk.id, reason="tip-off")  # fmt: skip
        with pytest.raises(RerouteInvalidError, match="form of control"):
            await reroute(session, application_id, "red", [],
                          officer_id=head.id, reason="tip-off")  # fmt: skip
        with pytest.raises(RerouteInvalidError, match="why"):
            await reroute(session, application_id, "red", ["inspection"],
                          officer_id=head.id, reason=" ")  # fmt: skip
        rerouted = await reroute(
            session, application_id, "red", ["inspection", "documentary_control"],
            officer_id=head.id, reason="operational information on under-declared quantity",
        )  # fmt: skip
    assert rerouted.corridor == "red"
    assert rerouted.forms_of_control == ["documentary_control", "inspection"]
    assert "under-declared" in rerouted.reason and automatic.corridor in rerouted.reason
    rows = await selections_of(sessions, application_id)
    async with sessions() as session:
        assert await current_selection(session, application_id) == rerouted
    assert [(row.kind, row.corridor, row.officer_id) for row in rows] == [
        ("automatic", automatic.corridor, None),
        ("reroute", "red", head.id),
    ]
    assert rows[1].actor == f"officer:{head.id}"
