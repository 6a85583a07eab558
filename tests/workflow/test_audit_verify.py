"""``qaqpa audit verify``: recomputes an application's hash chain; exit 1 names the first bad
event when the stored history was altered behind the append-only trigger's back."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from click.testing import CliRunner, Result
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.cli import main
from registry.settings import Settings
from testkit.pki.config import LEGAL_BIN
from tests.workflow.conftest import Flow, register_now, submit

Client = AsyncTestClient[Litestar]


async def qaqpa(settings: Settings, *args: str) -> Result:
    env = {"QAQPA_DATABASE_URL": settings.database_url}
    return await asyncio.to_thread(CliRunner().invoke, main, list(args), env=env)


@asynccontextmanager
async def tampered(
    sessions: async_sessionmaker[AsyncSession], application_id: uuid.UUID, seq: int
) -> AsyncIterator[None]:
    """Alter one event's data (the trigger off inside the transaction only), then restore it."""

    async def rewrite(data: str) -> None:
        async with sessions() as session, session.begin():
            await session.execute(text("ALTER TABLE events DISABLE TRIGGER events_append_only"))
            await session.execute(
                text(
                    "UPDATE events SET data = CAST(:data AS jsonb)"
                    " WHERE application_id = :a AND seq = :s"
                ),
                {"data": data, "a": application_id, "s": seq},
            )
            await session.execute(text("ALTER TABLE events ENABLE TRIGGER events_append_only"))

    async with sessions() as session:
        original = await session.scalar(
            text("SELECT data::text FROM events WHERE application_id = :a AND seq = :s"),
            {"a": application_id, "s": seq},
        )
    await rewrite(json.dumps({"forged": True}))
    try:
        yield
    finally:
        await rewrite(str(original))


async def test_audit_verify_finds_the_first_altered_event(flow: Flow, settings: Settings) -> None:
    partner = await flow.make_partner()
    application_id = await submit(flow.client, partner, flow.pki, "pm-import-act", bin=LEGAL_BIN)
    await register_now(flow.sessions, flow.statedb, application_id)

    intact = await qaqpa(settings, "audit", "verify", str(application_id))
    assert intact.exit_code == 0, intact.output
    assert json.loads(intact.stdout) == {"checked": 1, "intact": 1, "broken": []}

    async with tampered(flow.sessions, application_id, 2):
        broken = await qaqpa(settings, "audit", "verify", str(application_id))
        assert broken.exit_code == 1, broken.output
        report = json.loads(broken.stdout)
        assert report["intact"] == 0
        assert report["broken"][0]["application_id"] == str(application_id)
        assert report["broken"][0]["first_bad_event"]["seq"] == 2
        assert report["broken"][0]["first_bad_event"]["reason"] == "hash"
        every = await qaqpa(settings, "audit", "verify", "--all")
        assert every.exit_code == 1
        assert str(application_id) in [
            b["application_id"] for b in json.loads(every.stdout)["broken"]
        ]

    restored = await qaqpa(settings, "audit", "verify", "--all")
    assert restored.exit_code == 0, restored.output
    missing = await qaqpa(settings, "audit", "verify", str(uuid.uuid4()))
    assert missing.exit_code == 2
    assert (await qaqpa(settings, "audit", "verify")).exit_code == 2
