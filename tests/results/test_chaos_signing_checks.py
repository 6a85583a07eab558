"""The signing half of ``make chaos`` (scripts/chaos/checks.py): its counts see a result issued
once as sound, and a result left unsigned, or an approval that never landed, as broken."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from scripts.chaos.checks import signing_faults
from tests.results.conftest import Issued, drive_to_signing, to_signer_step
from tests.workflow.conftest import Flow

SOUND = {
    "approvals_lost": 0,
    "not_signed_once": 0,
    "not_one_pdf": 0,
    "not_one_xml": 0,
    "not_one_result_signed_event": 0,
    "signing_failed_events": 0,
    "stuck_in_signing": 0,
}


async def _faults(
    sessions: async_sessionmaker[AsyncSession], approved: list[str], unclear: list[str]
) -> dict[str, int]:
    async with sessions() as session:
        return await signing_faults(session, approved, unclear)


async def test_a_result_issued_once_is_sound(issued: Issued, flow: Flow) -> None:
    found = await _faults(flow.sessions, [str(issued.signing.application_id)], [])
    assert found == {"checked": 1, **SOUND}


async def test_a_result_left_in_signing_breaks_every_issuing_count(
    issued: Issued, flow: Flow
) -> None:
    stuck = await drive_to_signing(flow, await flow.make_partner())  # no worker signs it
    approved = [str(issued.signing.application_id), str(stuck.application_id)]
    found = await _faults(flow.sessions, approved, [])
    assert found == {
        **SOUND,
        "checked": 2,
        "not_signed_once": 1,
        "not_one_pdf": 1,
        "not_one_xml": 1,
        "not_one_result_signed_event": 1,
        "stuck_in_signing": 1,
    }


async def test_an_unclear_approval_counts_only_if_the_application_left_the_signers_step(
    issued: Issued, flow: Flow
) -> None:
    waiting, _result = await to_signer_step(flow, await flow.make_partner())  # never approved
    landed = str(issued.signing.application_id)  # its approval did land
    found = await _faults(flow.sessions, [], [landed, str(waiting)])
    assert found == {**SOUND, "checked": 1, "approvals_lost": 1}
