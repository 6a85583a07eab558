"""Rules and lanes managed by ``qaqpa risk`` and by ``/v1/admin/risk-*`` (heads only)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.customs_release.risk import select_corridor
from registry.customs_release.risk.repository import list_lanes, list_rules
from tests.customs.control.declarations import example, form_of
from tests.customs.risk.conftest import SECOND_HEAD_IIN, Cli
from tests.workflow.conftest import MakeOfficer
from tests.workflow.people import OfficerKey

Client = AsyncTestClient[Litestar]
Sessions = async_sessionmaker[AsyncSession]
pytestmark = pytest.mark.usefixtures("restore_risk_config")


async def test_cli_rules_add_list_disable(cli: Cli, sessions: Sessions) -> None:
    added = await cli("risk", "rules", "add", "T-CLI-9403", "--kind", "hs_prefix",
                      "--value", "9403", "--corridor", "red", "--form", "inspection",
                      "--form", "documentary_control",
                      "--description", "furniture tip-off")  # fmt: skip
    assert added.exit_code == 0, added.output
    rule = json.loads(added.stdout)
    assert rule["code"] == "T-CLI-9403" and rule["corridor"] == "red" and rule["active"]
    assert rule["forms_of_control"] == ["documentary_control", "inspection"]

    data, _ = example()
    async with sessions() as session:
        selection = await select_corridor(session, uuid.uuid4(), form_of(data), seed=1)
    assert selection.fired_rules == ["T-CLI-9403"] and selection.corridor == "red"

    listed = await cli("risk", "rules", "list", "--active")
    assert "T-CLI-9403" in [item["code"] for item in json.loads(listed.stdout)]

    disabled = await cli("risk", "rules", "disable", "T-CLI-9403")
    assert disabled.exit_code == 0 and json.loads(disabled.stdout)["active"] is False
    async with sessions() as session:
        assert "T-CLI-9403" not in [
            rule.code for rule in await list_rules(session, active_only=True)
        ]
        selection = await select_corridor(session, uuid.uuid4(), form_of(data), seed=1)
    assert selection.fired_rules == []


async def test_cli_refuses_a_bad_rule_and_an_unknown_code(cli: Cli) -> None:
    bad = await cli("risk", "rules", "add", "T-CLI-BAD", "--kind", "origin_country",
                    "--value", "QQ", "--corridor", "red", "--description", "x")  # fmt: skip
    assert bad.exit_code == 1 and "risk_rule_invalid" in bad.output
    missing = await cli("risk", "rules", "disable", "T-NO-SUCH-RULE")
    assert missing.exit_code == 1 and "risk_rule_not_found" in missing.output


async def test_cli_lanes_set(cli: Cli, sessions: Sessions) -> None:
    result = await cli("risk", "lanes", "set", "blue", "--expected", "0.07",
                       "--min-random", "0.02")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["min_random_rate"] == "0.0200"
    async with sessions() as session:
        blue = next(lane for lane in await list_lanes(session) if lane.corridor == "blue")
    assert (str(blue.expected_rate), str(blue.min_random_rate)) == ("0.0700", "0.0200")
    assert blue.default_forms == ["post_clearance_audit"]  # no --form: kept

    too_much = await cli("risk", "lanes", "set", "red", "--expected", "1", "--min-random", "0.99")
    assert too_much.exit_code == 1 and "risk_lane_invalid" in too_much.output
    listed = json.loads((await cli("risk", "lanes", "list")).stdout)
    assert [lane["corridor"] for lane in listed] == ["green", "blue", "yellow", "red"]
    assert next(lane for lane in listed if lane["corridor"] == "red")["min_random_rate"] == "0.0100"


async def _put_lane(
    client: Client,
    officer: OfficerKey | None,
    corridor: str,
    expected: str,
    min_random: str,
    **more: Any,
) -> httpx.Response:
    """Propose a lane's rates (``None``: with no officer's token at all)."""
    body = {"expected_rate": expected, "min_random_rate": min_random, **more}
    headers = {} if officer is None else officer.headers
    return await client.put(f"/v1/admin/risk-lanes/{corridor}", json=body, headers=headers)


async def _approve(client: Client, approver: OfficerKey, change: Any) -> Any:
    return await client.post(
        f"/v1/admin/risk-changes/{change['id']}/approve", headers=approver.headers
    )


async def test_admin_changes_take_a_second_head(client: Client, make_officer: MakeOfficer) -> None:
    head, second = await make_officer("head"), await make_officer("head", SECOND_HEAD_IIN)
    body = {
        "code": "T-API-TR", "kind": "origin_country", "value": "TR", "corridor": "yellow",
        "forms_of_control": ["documentary_control"], "description": "origin verification",
    }  # fmt: skip
    proposed = await client.post("/v1/admin/risk-rules", json=body, headers=head.headers)
    assert proposed.status_code == 202, proposed.text
    change = proposed.json()
    assert (change["status"], change["kind"]) == ("pending_approval", "rule_add")
    listed = await client.get("/v1/admin/risk-rules", headers=head.headers)
    assert "T-API-TR" not in [rule["code"] for rule in listed.json()]  # not in effect yet
    pending = await client.get("/v1/admin/risk-changes?pending=true", headers=second.headers)
    assert change["id"] in [row["id"] for row in pending.json()]

    applied = await _approve(client, second, change)
    assert applied.status_code == 200, applied.text
    assert applied.json()["status"] == "applied"
    assert applied.json()["approved_by"] == str(second.id)
    assert applied.json()["effect"]["active"] is True
    twice = await _approve(client, second, change)
    assert twice.status_code == 409 and twice.json()["code"] == "risk_change_not_pending"

    again = await client.post("/v1/admin/risk-rules", json=body, headers=head.headers)
    assert again.status_code == 409 and again.json()["code"] == "risk_rule_exists"
    bad = await client.post(
        "/v1/admin/risk-rules", json={**body, "code": "T-API-X", "value": None},
        headers=head.headers,
    )  # fmt: skip
    assert bad.status_code == 422 and bad.json()["code"] == "risk_rule_invalid"

    disabling = await client.post("/v1/admin/risk-rules/T-API-TR/disable", headers=head.headers)
    assert disabling.status_code == 202, disabling.text
    active = await client.get("/v1/admin/risk-rules?active=true", headers=head.headers)
    assert "T-API-TR" in [rule["code"] for rule in active.json()]  # still applied
    disabled = await _approve(client, second, disabling.json())
    assert disabled.status_code == 200 and disabled.json()["effect"]["active"] is False
    active = await client.get("/v1/admin/risk-rules?active=true", headers=head.headers)
    assert "T-API-TR" not in [rule["code"] for rule in active.json()]

    lane = await _put_lane(client, head, "yellow", "0.12", "0.04",
                           default_forms=["documentary_control", "benefits_check"])  # fmt: skip
    assert lane.status_code == 202, lane.text
    set_lane = await _approve(client, second, lane.json())
    assert set_lane.status_code == 200, set_lane.text
    assert set_lane.json()["effect"] == {
        "corridor": "yellow", "expected_rate": "0.1200", "min_random_rate": "0.0400",
        "default_forms": ["documentary_control", "benefits_check"],
    }  # fmt: skip
    green = await _put_lane(client, head, "green", "0.8", "0.1")
    assert green.status_code == 422 and green.json()["code"] == "risk_lane_invalid"


async def test_the_proposer_cannot_approve_their_own_risk_change(
    client: Client, make_officer: MakeOfficer, sessions: Sessions
) -> None:
    """Neither with the same account nor with a second account of the same person."""
    head = await make_officer("head")
    same_person = await make_officer("head")  # another account, the same IIN
    unit_head = await make_officer("unit_head")
    proposed = await _put_lane(client, head, "red", "0.2", "0.05")
    assert proposed.status_code == 202, proposed.text
    for approver in (head, same_person):
        refused = await _approve(client, approver, proposed.json())
        assert refused.status_code == 409 and refused.json()["code"] == "four_eyes"
    by_unit_head = await _approve(client, unit_head, proposed.json())
    assert by_unit_head.status_code == 403 and by_unit_head.json()["code"] == "officer_forbidden"
    async with sessions() as session:
        red = next(lane for lane in await list_lanes(session) if lane.corridor == "red")
    assert str(red.min_random_rate) != "0.0500"  # nothing applied
    missing = await _approve(client, head, {"id": uuid.uuid4()})  # no such change
    assert missing.status_code == 404 and missing.json()["code"] == "risk_change_not_found"


async def test_an_office_scoped_head_does_not_change_the_configuration(
    client: Client, make_officer: MakeOfficer
) -> None:
    """Rules and lanes apply at every office: a head of one office does not set them."""
    local = await make_officer("head", offices=("55201",))
    refused = await _put_lane(client, local, "red", "0.2", "0.05")
    assert refused.status_code == 403 and refused.json()["code"] == "officer_forbidden"


async def test_admin_endpoints_are_for_heads_only(
    client: Client, make_officer: MakeOfficer
) -> None:
    clerk = await make_officer("clerk")
    forbidden = await client.get("/v1/admin/risk-rules", headers=clerk.headers)
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "officer_forbidden"
    anonymous = await _put_lane(client, None, "red", "1", "1")
    assert anonymous.status_code == 401
