"""Issue 13, items 5-7: what a partner could abuse in S1 before, through the API.

* a made-up box-36 preference code is refused at intake; a known one never reaches release
  without an officer (yellow, documentary control, the reason recorded);
* a payment reference belongs to the bank that recorded it, and a bank reads only its own
  entries (the declarant's portal reads the whole account);
* only the warehouse the declaration names reports its goods collected.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.customs_release.risk.selection import PREFERENCE_RULE
from registry.models import CustomsDeclaration, Partner, RiskSelection
from testkit.pki.server import BuiltPki
from tests.applications.signed import detached
from tests.conftest import PartnerKey
from tests.customs.release.conftest import (
    EXAMPLE_DUE,
    WAREHOUSE,
    MakeDeclaration,
    declaration,
    make_warehouse,
    names_warehouse,
    new_bin,
    top_up,
)
from tests.customs.risk.conftest import Cli
from tests.workflow.conftest import Flow, register_now
from tests.workflow.helpers import Client, status_of, submit_document

MakePartner = Callable[..., Awaitable[PartnerKey]]
# Item 2 (desks, 10 %): 123 600.00 duty, which an exemption of 2010 takes off the total.
ITEM_2_DUTY = Decimal("123600.00")
ITEM_2_VAT_ON_DUTY = Decimal("19776.00")  # 123 600.00 × 0.16


def claims(code: str, payment_type: str = "2010") -> Callable[[dict[str, Any]], None]:
    def change(form: dict[str, Any]) -> None:
        form["goods"][1]["preferences"] = [{"payment_type_code": payment_type, "code": code}]

    return change


async def test_a_made_up_preference_code_is_refused_at_intake(
    client: Client, pki: BuiltPki, make_partner: MakePartner
) -> None:
    partner = await make_partner()
    document = declaration(new_bin(), box36=claims("ЖЖ"))
    signed = detached(pki, "legal-sign", json.dumps(document, ensure_ascii=False).encode())
    response = await client.post(
        "/v1/applications", json=signed,
        headers={**partner.headers, "Idempotency-Key": str(uuid.uuid4())},
    )  # fmt: skip
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["code"] == "validation_error"
    assert [error["pointer"] for error in body["errors"]] == ["/form/goods/1/preferences/0/code"]
    assert "ЖЖ" in body["errors"][0]["message"]


async def test_a_known_exemption_goes_to_documentary_control_not_to_release(
    client: Client,
    sessions: async_sessionmaker[AsyncSession],
    make_declaration: MakeDeclaration,
) -> None:
    """Without the claim this declaration is green (no random share in these tests) and
    released at once; with it, an officer checks the documents behind the exemption."""
    partner, _, _, application_id = await make_declaration(box36=claims("ОО"))

    assert await status_of(client, partner, application_id) == "under_control"
    async with sessions() as session:
        declared = await session.get(CustomsDeclaration, application_id)
        assert declared is not None
        assert declared.corridor == "yellow" and declared.released_at is None
        assert declared.forms_of_control == ["documentary_control", "benefits_check"]
        assert declared.amount_due == EXAMPLE_DUE - ITEM_2_DUTY - ITEM_2_VAT_ON_DUTY
        selection = await session.scalar(
            select(RiskSelection).where(RiskSelection.application_id == application_id)
        )
        assert selection is not None and selection.kind == "automatic"
        assert selection.fired_rules == [PREFERENCE_RULE] and selection.random_draw is None
        assert "item 2: ОО for 2010" in selection.reason


async def test_a_known_deferral_goes_to_an_officer_and_exempts_nothing(
    client: Client,
    sessions: async_sessionmaker[AsyncSession],
    make_declaration: MakeDeclaration,
) -> None:
    partner, _, _, application_id = await make_declaration("blue", box36=claims("ОТ", "5010"))

    assert await status_of(client, partner, application_id) == "under_control"
    async with sessions() as session:
        declared = await session.get(CustomsDeclaration, application_id)
        assert declared is not None and declared.corridor == "yellow"
        assert declared.amount_due == EXAMPLE_DUE  # a deferral is not an exemption
        assert declared.forms_of_control == [
            "documentary_control", "benefits_check", "post_clearance_audit",
        ]  # fmt: skip


async def test_a_payment_reference_belongs_to_the_bank_that_recorded_it(
    client: Client, make_partner: MakePartner
) -> None:
    first_bank = await make_partner("Bank A", scopes=("payments",))
    other_bank = await make_partner("Bank B", scopes=("payments",))
    account, reference, amount = new_bin(), f"KASPI-{uuid.uuid4().hex[:12]}", Decimal("100.00")

    recorded = await top_up(client, first_bank, account, amount, reference)
    assert recorded.status_code == 201, recorded.text
    replayed = await top_up(client, first_bank, account, amount, reference)
    assert replayed.status_code == 200 and replayed.json()["created"] is False
    taken = await top_up(client, other_bank, account, amount, reference)
    assert taken.status_code == 409, taken.text
    assert taken.json()["code"] == "payment_reference_taken"
    elsewhere = await top_up(client, other_bank, new_bin(), Decimal("5.00"), reference)
    assert elsewhere.json()["code"] == "payment_reference_taken"  # nothing told about A's


async def test_a_bank_reads_only_its_own_entries_and_the_declarants_portal_all(flow: Flow) -> None:
    portal = await flow.make_partner("Portal", scopes=("submit", "read", "payments"))
    first_bank = await flow.make_partner("Bank A", scopes=("payments",))
    other_bank = await flow.make_partner("Bank B", scopes=("payments",))
    account = new_bin()
    url = f"/v1/customs/accounts/{account}"
    assert (
        await top_up(flow.client, first_bank, account, Decimal("5000000.00"))
    ).status_code == 201
    application_id = await submit_document(flow.client, portal, flow.pki, declaration(account))
    await register_now(flow.sessions, flow.statedb, application_id)  # green: written off

    stranger = await flow.client.get(url, headers=other_bank.headers)
    assert stranger.status_code == 404 and stranger.json()["code"] == "customs_account_not_found"

    assert (await top_up(flow.client, other_bank, account, Decimal("7.00"))).status_code == 201
    own = (await flow.client.get(url, headers=other_bank.headers)).json()
    assert [(entry["kind"], entry["amount"]) for entry in own["entries"]] == [("top_up", "7.00")]
    first = (await flow.client.get(url, headers=first_bank.headers)).json()
    assert [(entry["kind"], entry["amount"]) for entry in first["entries"]] == [
        ("top_up", "5000000.00")
    ]
    whole = await flow.client.get(url, headers=portal.headers)  # the declarant's portal
    assert whole.status_code == 200, whole.text
    kinds = sorted(entry["kind"] for entry in whole.json()["entries"])
    assert kinds == ["top_up", "top_up", "write_off"]


async def test_only_the_named_warehouse_reports_the_goods_collected(
    client: Client,
    make_partner: MakePartner,
    sessions: async_sessionmaker[AsyncSession],
    make_declaration: MakeDeclaration,
) -> None:
    named = await make_warehouse(sessions, make_partner)
    other = await make_warehouse(sessions, make_partner, "KZ/02/0007")
    unregistered = await make_warehouse(sessions, make_partner, None)
    partner, _, _, application_id = await make_declaration(box30=names_warehouse)
    assert await status_of(client, partner, application_id) == "release_permitted"
    url = f"/v1/customs/declarations/{application_id}/goods-collected"

    for warehouse, code in ((other, "KZ/02/0007"), (other, WAREHOUSE), (unregistered, WAREHOUSE),
                            (named, "KZ/02/0007")):  # fmt: skip
        refused = await client.post(url, json={"warehouse_code": code}, headers=warehouse.headers)
        assert refused.status_code == 403, refused.text
        assert refused.json()["code"] == "warehouse_not_named"
    assert await status_of(client, partner, application_id) == "release_permitted"

    collected = await client.post(url, json={"warehouse_code": WAREHOUSE}, headers=named.headers)
    assert collected.status_code == 200, collected.text
    assert collected.json()["status"] == "goods_collected"


async def test_a_declaration_naming_no_warehouse_is_collected_by_none(
    client: Client,
    make_partner: MakePartner,
    sessions: async_sessionmaker[AsyncSession],
    make_declaration: MakeDeclaration,
) -> None:
    warehouse = await make_warehouse(sessions, make_partner)
    # The demo declaration names a warehouse (box 30); this one leaves the box empty.
    application_id = (
        await make_declaration(no_warehouse=lambda form: form.pop("warehouse_code"))
    ).application_id
    url = f"/v1/customs/declarations/{application_id}/goods-collected"
    refused = await client.post(url, json={"warehouse_code": WAREHOUSE}, headers=warehouse.headers)
    assert refused.status_code == 403 and refused.json()["code"] == "warehouse_not_named"


async def test_partners_create_records_the_warehouse_code(
    cli: Cli, sessions: async_sessionmaker[AsyncSession]
) -> None:
    created = await cli(
        "partners", "create", "СВХ", "--scopes", "warehouse", "--warehouse", WAREHOUSE
    )
    assert created.exit_code == 0, created.output
    shown = json.loads(created.output)
    assert shown["warehouse"] == WAREHOUSE and shown["scopes"] == ["warehouse"]
    async with sessions() as session:
        partner = await session.get(Partner, uuid.UUID(shown["id"]))
        assert partner is not None and partner.warehouse_code == WAREHOUSE
    too_long = await cli(
        "partners", "create", "x", "--scopes", "warehouse", "--warehouse", "9" * 33
    )
    assert too_long.exit_code == 2
