"""Box 36: a claimed preference always goes to an officer; the classifier is extended by CLI."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.customs_release.risk.model import RuleView
from registry.customs_release.risk.repository import list_lanes
from registry.customs_release.risk.selection import PREFERENCE_RULE, decide, select_corridor
from registry.models import CustomsPreference
from tests.customs.control.declarations import example, form_of
from tests.customs.risk.conftest import Cli

SEED = 20261123


def _red_rule() -> RuleView:
    return RuleView(code="T-RED", kind="origin_country", value="CN", corridor="red",
                    forms_of_control=["inspection"], description="")  # fmt: skip


async def test_a_claim_sends_a_green_draw_to_yellow_with_documentary_control(
    session: AsyncSession,
) -> None:
    lanes = await list_lanes(session)
    assert decide([], lanes, 0.99).corridor == "green"
    selection = decide([], lanes, None, preferences=["item 1: ОО for 2010"])
    assert selection.corridor == "yellow"
    assert selection.forms_of_control == ["documentary_control", "benefits_check"]
    assert selection.fired_rules == [PREFERENCE_RULE] and selection.random_draw is None
    assert "item 1: ОО for 2010" in selection.reason


async def test_a_claim_keeps_a_more_severe_rule_and_its_forms(session: AsyncSession) -> None:
    selection = decide([_red_rule()], await list_lanes(session), None, preferences=["item 1"])
    assert selection.corridor == "red"
    assert selection.forms_of_control == ["documentary_control", "benefits_check", "inspection"]
    assert selection.fired_rules == [PREFERENCE_RULE, "T-RED"]


async def test_select_corridor_never_draws_for_a_declaration_claiming_a_preference(
    session: AsyncSession,
) -> None:
    data, _ = example()
    data["goods"][0]["preferences"] = [{"payment_type_code": "5010", "code": "ОО"}]
    form = form_of(data)
    for _ in range(50):  # the draw would send most of these to green
        selection = await select_corridor(session, uuid.uuid4(), form, seed=SEED)
        assert selection.corridor in ("yellow", "red"), selection
        assert PREFERENCE_RULE in selection.fired_rules


@pytest.fixture
async def added_codes(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[list[str]]:
    codes: list[str] = []
    yield codes
    async with sessions() as session, session.begin():
        await session.execute(delete(CustomsPreference).where(CustomsPreference.code.in_(codes)))


async def test_an_operator_lists_and_extends_the_classifier(
    cli: Cli, added_codes: list[str]
) -> None:
    listed = await cli("customs", "preferences", "list")
    assert listed.exit_code == 0, listed.output
    seeded = {row["code"]: row for row in json.loads(listed.output)}
    assert {"ОО", "ОТ", "РС"} <= set(seeded)
    assert seeded["ОО"]["exempts"] is True and seeded["ОТ"]["exempts"] is False

    code = "Т" + uuid.uuid4().hex[:3].upper()
    added_codes.append(code)
    args = ("customs", "preferences", "add", code, "--name-kk", "Сынақ", "--name-ru", "Тест",
            "--name-en", "Test", "--no-exempts", "--source", "test")  # fmt: skip
    added = await cli(*args)
    assert added.exit_code == 0, added.output
    assert json.loads(added.output)["code"] == code
    assert json.loads(added.output)["name"] == {"kk": "Сынақ", "ru": "Тест", "en": "Test"}
    again = await cli(*args)
    assert again.exit_code == 1 and "preference_exists" in again.output
    listed = await cli("customs", "preferences", "list")
    assert code in {row["code"] for row in json.loads(listed.output)}
