"""S1 release fixtures: corridors chosen by rules only, declarations per corridor, accounts.

The risk system draws a random corridor for some declarations no rule selects (the lanes'
minimum random rates). These tests need to know each declaration's corridor, so
``rule_corridors`` sets the random rates to 0 for the module and adds one rule per corridor on
HS prefixes of its own (T-shirts blue, footwear yellow, cars red); everything is put back
afterwards. Each test uses its own declarant BIN, so each has its own personal account.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from decimal import Decimal
from typing import Any, NamedTuple

import httpx
import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.domains import example_application
from registry.models import Partner, RiskLane, RiskRule
from registry.statedb.postgres import PostgresStateDatabase
from testkit.pki.config import LEGAL_BIN
from testkit.pki.server import BuiltPki
from tests.conftest import PartnerKey
from tests.customs.risk.conftest import cli  # noqa: F401 (fixture)
from tests.results.conftest import issuer, job_ctx  # noqa: F401 (fixtures: the signing job)
from tests.workers.conftest import worker_factory, worker_process  # noqa: F401 (fixtures)
from tests.workflow.conftest import (  # noqa: F401 (fixture)
    Flow,
    MakeOfficer,
    MakePartner,
    make_officer,
    register_now,
)
from tests.workflow.helpers import Client, submit_document

SERVICE = "customs-release"
# The example declaration (laptops 8471: 0 %, desks 9403: 10 %) at VAT 16 %:
# duty 123 600.00, VAT (7 416 000.00 + 123 600.00) × 0.16 = 1 206 336.00.
EXAMPLE_DUE = Decimal("1329936.00")
RULES = {
    "blue": ("TREL-BLUE-6109", "6109100000", ["post_clearance_audit"]),
    "yellow": ("TREL-YELLOW-6403", "6403990000", ["documentary_control"]),
    "red": ("TREL-RED-8703", "8703239000", ["documentary_control", "inspection"]),
}


@pytest.fixture(scope="module", autouse=True)
async def rule_corridors(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[None]:
    async with sessions() as session, session.begin():
        lanes = {lane.corridor: lane.min_random_rate for lane in await session.scalars(
            select(RiskLane))}  # fmt: skip
        await session.execute(update(RiskLane).values(min_random_rate=0))
        await session.execute(delete(RiskRule).where(RiskRule.code.like("TREL-%")))
        for corridor, (code, hs_code, forms) in RULES.items():
            session.add(
                RiskRule(code=code, kind="hs_prefix", value=hs_code[:4], corridor=corridor,
                         forms_of_control=forms, description=f"test: {corridor}",
                         created_by="tests")
            )  # fmt: skip
    try:
        yield
    finally:
        async with sessions() as session, session.begin():
            await session.execute(delete(RiskRule).where(RiskRule.code.like("TREL-%")))
            for corridor, rate in lanes.items():
                await session.execute(
                    update(RiskLane).where(RiskLane.corridor == corridor)
                    .values(min_random_rate=rate)
                )  # fmt: skip


@pytest.fixture
def plain_statedb(sessions: async_sessionmaker[AsyncSession]) -> PostgresStateDatabase:
    """S1 registration does not consult the state databases; register() still takes one."""
    return PostgresStateDatabase(sessions)


@pytest.fixture
def flow(
    client: Client,
    pki: BuiltPki,
    sessions: async_sessionmaker[AsyncSession],
    plain_statedb: PostgresStateDatabase,
    make_partner: MakePartner,
    make_officer: MakeOfficer,  # noqa: F811 - the fixture imported above
) -> Flow:
    """The workflow tests' stack over the plain state database (S1 consults none)."""
    return Flow(client, pki, sessions, plain_statedb, make_partner, make_officer)


def new_bin() -> str:
    """A declarant BIN of the test's own (so its own personal account)."""
    return "99" + "".join(random.choices("0123456789", k=10))


def declaration(
    declarant: str, *, corridor: str = "green", **changes: Callable[[dict[str, Any]], None]
) -> dict[str, Any]:
    """The example declaration filed by LEGAL_BIN for ``declarant``, item 2 moved to the HS
    code of ``corridor``'s test rule; ``changes`` edit the form further."""
    document = example_application(SERVICE, bin=LEGAL_BIN)
    form = document["form"]
    form["declarant"]["bin"] = declarant
    if corridor != "green":
        form["goods"][1]["hs_code"] = RULES[corridor][1]
    for change in changes.values():
        change(form)
    return document


async def top_up(
    client: Client,
    payments: PartnerKey,
    account: str,
    amount: Decimal,
    reference: str | None = None,
) -> httpx.Response:
    return await client.post(
        f"/v1/customs/accounts/{account}/top-ups",
        json={"payment_reference": reference or f"T-{uuid.uuid4().hex}", "amount": str(amount)},
        headers=payments.headers,
    )


WAREHOUSE = "KZ/14/0031"


def names_warehouse(form: dict[str, Any]) -> None:
    """A :func:`declaration` change: box 30 names the test warehouse :data:`WAREHOUSE`."""
    form["warehouse_code"] = WAREHOUSE


async def make_warehouse(
    sessions: async_sessionmaker[AsyncSession],
    make_partner: Callable[..., Awaitable[PartnerKey]],
    code: str | None = WAREHOUSE,
) -> PartnerKey:
    """A partner with the ``warehouse`` scope registered as warehouse ``code``."""
    warehouse = await make_partner("СВХ Хоргос", scopes=("warehouse",))
    async with sessions() as session, session.begin():
        await session.execute(
            update(Partner).where(Partner.id == warehouse.id).values(warehouse_code=code)
        )
    return warehouse


class Funded(NamedTuple):
    """A portal that files declarations, a bank, and the declarant's account it topped up."""

    partner: PartnerKey
    payments: PartnerKey
    account: str


async def funded_account(
    client: Client, make_partner: Callable[..., Awaitable[PartnerKey]], amount: Decimal
) -> Funded:
    """A new declarant account (:func:`new_bin`) the bank tops up with ``amount``."""
    partner = await make_partner()
    payments = await make_partner("Bank", scopes=("payments",))
    account = new_bin()
    topped_up = await top_up(client, payments, account, amount)
    assert topped_up.status_code == 201, topped_up.text
    return Funded(partner, payments, account)


class Declared(NamedTuple):
    """A declaration filed and registered on a funded account (:class:`Funded`)."""

    partner: PartnerKey
    payments: PartnerKey
    account: str
    application_id: uuid.UUID


MakeDeclaration = Callable[..., Awaitable[Declared]]


@pytest.fixture
def make_declaration(flow: Flow) -> MakeDeclaration:
    """``await make_declaration(corridor, funds, **changes)``: the example declaration of
    ``corridor`` (edited by ``changes``, see :func:`declaration`) filed on an account topped up
    with ``funds``, and registered in-process."""

    async def make(
        corridor: str = "green",
        funds: Decimal = Decimal("5000000.00"),
        **changes: Callable[[dict[str, Any]], None],
    ) -> Declared:
        partner, payments, account = await funded_account(flow.client, flow.make_partner, funds)
        application_id = await submit_document(
            flow.client, partner, flow.pki, declaration(account, corridor=corridor, **changes)
        )
        await register_now(flow.sessions, flow.statedb, application_id)
        return Declared(partner, payments, account, application_id)

    return make
