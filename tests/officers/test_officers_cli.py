"""`qaqpa officers create|revoke|list` (a contract): one JSON object on stdout each."""

from __future__ import annotations

import hashlib
import json
import uuid

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from testkit.pki.config import HEAD_IIN, INDIVIDUAL_IIN, NCA_TEST_IIN
from tests.officers.conftest import Cli, Qaqpa


async def test_create_prints_one_json_object_whose_token_works(
    qaqpa: Qaqpa, client: AsyncTestClient[Litestar]
) -> None:
    created = qaqpa("officers", "create", "--role", "executor", "--iin", INDIVIDUAL_IIN,
                    "--name", "ТЕСТОВ ТЕСТ ТЕСТОВИЧ")  # fmt: skip
    assert created.returncode == 0, created.stderr
    officer = json.loads(created.stdout)  # the whole of stdout is the one object
    assert set(officer) == {"id", "role", "iin", "name", "services", "offices", "token"}
    assert officer["role"] == "executor" and officer["iin"] == INDIVIDUAL_IIN
    assert officer["services"] == ["*"] and officer["offices"] == ["*"]  # omitted: all

    me = await client.get("/v1/officer/me", headers={"Authorization": f"Bearer {officer['token']}"})
    assert me.status_code == 200, me.text
    keys = ("id", "role", "iin", "name", "services", "offices")
    assert me.json() == {k: officer[k] for k in keys}


async def test_the_database_holds_only_the_hash_of_the_token(
    cli: Cli, sessions: async_sessionmaker[AsyncSession]
) -> None:
    created = await cli("officers", "create", "--role", "clerk", "--iin", HEAD_IIN, "--name", "X")
    officer = json.loads(created.stdout)
    async with sessions() as session:
        row = await session.scalar(
            text("SELECT row_to_json(o)::text FROM officers o WHERE id = :id"),
            {"id": uuid.UUID(officer["id"])},
        )
    assert row is not None
    assert hashlib.sha256(officer["token"].encode()).hexdigest() in row
    assert officer["token"] not in row
    assert officer["token"].removeprefix("qo_") not in row


async def test_revoke_ends_the_token_and_a_second_revoke_fails(
    cli: Cli, client: AsyncTestClient[Litestar]
) -> None:
    created = await cli("officers", "create", "--role", "head", "--iin", HEAD_IIN, "--name", "B")
    officer = json.loads(created.stdout)
    revoked = await cli("officers", "revoke", officer["id"])
    assert revoked.exit_code == 0, revoked.output
    assert json.loads(revoked.stdout)["id"] == officer["id"]
    assert (await cli("officers", "revoke", officer["id"])).exit_code == 1

    me = await client.get("/v1/officer/me", headers={"Authorization": f"Bearer {officer['token']}"})
    assert me.status_code == 401
    assert me.json()["code"] == "officer_unauthenticated"


async def test_list_filters_by_role_and_hides_revoked_accounts(cli: Cli) -> None:
    async def create(role: str) -> str:
        out = await cli("officers", "create", "--role", role, "--iin", HEAD_IIN, "--name", "L")
        officer_id: str = json.loads(out.stdout)["id"]
        return officer_id

    signer, clerk, gone = await create("signer"), await create("clerk"), await create("signer")
    assert (await cli("officers", "revoke", gone)).exit_code == 0

    listed = await cli("officers", "list", "--role", "signer")
    signers = json.loads(listed.stdout)["officers"]
    ids = {officer["id"] for officer in signers}
    assert signer in ids and clerk not in ids and gone not in ids
    assert {officer["role"] for officer in signers} == {"signer"}
    assert all("token" not in officer and "token_hash" not in officer for officer in signers)

    everyone = json.loads((await cli("officers", "list", "--all")).stdout)["officers"]
    assert {signer, clerk, gone} <= {officer["id"] for officer in everyone}


async def test_bad_input_is_a_usage_error_with_nothing_on_stdout(cli: Cli) -> None:
    checksum_off = INDIVIDUAL_IIN[:-1] + str((int(INDIVIDUAL_IIN[-1]) + 1) % 10)
    for args in (
        ["--role", "admin", "--iin", INDIVIDUAL_IIN, "--name", "N"],
        ["--role", "clerk", "--iin", checksum_off, "--name", "N"],
        ["--role", "clerk", "--iin", NCA_TEST_IIN, "--name", "N"],
        ["--role", "clerk", "--iin", INDIVIDUAL_IIN, "--name", "  "],
    ):
        result = await cli("officers", "create", *args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stdout == ""


async def test_test_pki_mode_accepts_the_nca_test_iin(cli: Cli) -> None:
    result = await cli("officers", "create", "--role", "clerk", "--iin", NCA_TEST_IIN,
                       "--name", "T", env={"QAQPA_TEST_PKI": "1"})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["iin"] == NCA_TEST_IIN


async def test_create_scopes_an_account_to_services_and_offices(
    cli: Cli, client: AsyncTestClient[Litestar]
) -> None:
    created = await cli("officers", "create", "--role", "executor", "--iin", HEAD_IIN,
                        "--name", "S", "--services", "reexport-permit,customs-release",
                        "--offices", "55201,50010")  # fmt: skip
    assert created.exit_code == 0, created.output
    officer = json.loads(created.stdout)
    assert officer["services"] == ["customs-release", "reexport-permit"]
    assert officer["offices"] == ["50010", "55201"]
    me = await client.get("/v1/officer/me", headers={"Authorization": f"Bearer {officer['token']}"})
    assert me.json()["services"] == ["customs-release", "reexport-permit"]
    for bad in (["--services", "no-such-service"], ["--offices", "KZ1"], ["--services", ""]):
        result = await cli("officers", "create", "--role", "clerk", "--iin", HEAD_IIN,
                           "--name", "N", *bad)  # fmt: skip
        assert result.exit_code == 2, (bad, result.output)
        assert result.stdout == ""
