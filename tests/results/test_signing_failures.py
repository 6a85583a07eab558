"""A signature that cannot be made: ``signing_failed`` recorded once, then the operator's retry.

The worker's ``sign_result`` job meets a failure retrying will not fix (no key for the officer
who approved the result, every TSA try used up): the application stays in ``signing`` with one
``signing_failed`` event however often the job runs, until ``qaqpa results retry-signing``
writes a new ``sign_result`` job (with ``signing_retried``) for a worker that has the key.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from arq.connections import ArqRedis
from arq.worker import Retry
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import chain_is_intact
from registry.issuing.failures import SIGNING_FAILED, SIGNING_RETRIED
from registry.models import Event, OutboxMessage, Result
from registry.settings import Settings
from scripts.stack import free_port
from signing.keys import Keystore
from testkit.hsm import SoftHsm
from testkit.keystore import local_keystore_config
from testkit.pki.config import PROVIDER_HEAD_IIN
from tests.officers.conftest import Cli, cli  # noqa: F401 - the fixture
from tests.results.conftest import Signing, drive_to_signing, to_signer_step
from tests.workers.conftest import (  # noqa: F401 - the fixtures
    WorkerFactory,
    arq_pool,
    worker_factory,
)
from tests.workers.polling import eventually
from tests.workflow.conftest import Flow
from tests.workflow.helpers import application_of, decide_task_of, events_of
from tests.workflow.people import OfficerKey
from workers.jobs.signing import (
    SIGN_MAX_TRIES,
    Issuer,
    sign_result,
)
from workers.metrics import REGISTRY

Client = AsyncTestClient[Litestar]
SIGNED_STATUS = "result_registration"  # where S3 goes once its result is signed


async def _decide(
    client: Client, officer: OfficerKey, application_id: uuid.UUID, action: str, **body: Any
) -> dict[str, Any]:
    response = await decide_task_of(client, officer, application_id, action, **body)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def _signing_without_key(flow: Flow) -> Signing:
    """S3 in ``signing``, approved by a signer whose IIN has no key in the key store."""
    partner = await flow.make_partner()
    application_id, result_id = await to_signer_step(flow, partner)
    signer = await flow.make_officer("signer")  # people.SIGNER_IIN: not a provider officer
    assert signer.iin != PROVIDER_HEAD_IIN
    answer = await _decide(flow.client, signer, application_id, "approve")
    assert answer["status"] == "signing"
    return Signing(partner, application_id, result_id)


async def _status(sessions: async_sessionmaker[AsyncSession], application_id: uuid.UUID) -> str:
    return (await application_of(sessions, application_id)).status


def _of(events: list[Event], kind: str, result_id: uuid.UUID) -> list[Event]:
    return [e for e in events if e.kind == kind and e.data.get("result_id") == str(result_id)]


async def _sign_jobs(sessions: async_sessionmaker[AsyncSession], result_id: uuid.UUID) -> int:
    async with sessions() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(
                OutboxMessage.job == "sign_result",
                OutboxMessage.payload["result_id"].astext == str(result_id),
            )
        )
    return int(count or 0)


def _failures(reason: str) -> float:
    value = REGISTRY.get_sample_value("qaqpa_signing_failures_total", {"reason": reason})
    return value or 0.0


async def _retry(cli: Cli, settings: Settings, *args: str) -> Any:  # noqa: F811
    return await cli("results", "retry-signing", *args, env={"QAQPA_REDIS_URL": settings.redis_url})


async def test_a_missing_signer_key_is_recorded_once_and_an_operator_retry_runs_the_job_again(
    flow: Flow,
    job_ctx: dict[str, Any],
    cli: Cli,  # noqa: F811
    settings: Settings,
) -> None:
    signing = await _signing_without_key(flow)
    before = _failures("signer_key_missing")
    # At least once: the same job runs twice and meets the same failure.
    assert await sign_result(job_ctx, str(signing.result_id)) == "failed"
    assert await sign_result(job_ctx, str(signing.result_id)) == "failed"
    assert _failures("signer_key_missing") == before + 2  # every failed run counts

    assert await _status(flow.sessions, signing.application_id) == "signing"
    async with flow.sessions() as session:
        result = await session.get(Result, signing.result_id)
    assert result is not None and result.status == "awaiting_signature"
    events = await events_of(flow.sessions, signing.application_id)
    [failed] = _of(events, SIGNING_FAILED, signing.result_id)
    assert failed.actor == "system:worker"
    assert failed.data["reason"] == "signer_key_missing"
    assert failed.data["number"] == result.number
    assert "no signing key for officer" in failed.data["detail"]
    assert events[-1].kind == SIGNING_FAILED  # nothing else happened, nothing moved
    assert chain_is_intact(events)

    # The partner sees why its application waits.
    seen = await flow.client.get(
        f"/v1/applications/{signing.application_id}", headers=signing.partner.headers
    )
    assert seen.json()["last_events"][-1]["kind"] == SIGNING_FAILED, seen.text

    # The operator retries: a new sign_result job, and the chain says so.
    assert await _sign_jobs(flow.sessions, signing.result_id) == 1
    retried = await _retry(cli, settings, str(signing.result_id))
    assert retried.exit_code == 0, retried.output
    assert json.loads(retried.stdout) == {"retried": [str(signing.result_id)], "skipped": []}
    assert await _sign_jobs(flow.sessions, signing.result_id) == 2
    events = await events_of(flow.sessions, signing.application_id)
    assert events[-1].kind == SIGNING_RETRIED and events[-1].actor == "system:operator"
    # --stuck leaves a result whose retry is pending alone.
    stuck = json.loads((await _retry(cli, settings, "--stuck")).stdout)
    assert str(signing.result_id) not in stuck["retried"]
    assert {"result_id": str(signing.result_id), "reason": "a retry is already pending"} in (
        stuck["skipped"]
    )

    # Retried with the key still missing: the failure after the retry is recorded again.
    assert await sign_result(job_ctx, str(signing.result_id)) == "failed"
    events = await events_of(flow.sessions, signing.application_id)
    assert [e.kind for e in events[-3:]] == [SIGNING_FAILED, SIGNING_RETRIED, SIGNING_FAILED]
    assert len(_of(events, SIGNING_FAILED, signing.result_id)) == 2
    assert chain_is_intact(events)
    # ... and --stuck now picks it up.
    stuck = json.loads((await _retry(cli, settings, "--stuck")).stdout)
    assert str(signing.result_id) in stuck["retried"]
    assert await _status(flow.sessions, signing.application_id) == "signing"


async def test_the_last_try_of_an_unreachable_tsa_is_recorded_instead_of_given_up_silently(
    flow: Flow, provider_hsm: SoftHsm, job_ctx: dict[str, Any]
) -> None:
    signing = await drive_to_signing(flow, await flow.make_partner())
    keystore = Keystore.open(local_keystore_config(flow.pki.directory, provider_hsm))
    # Nothing listens on a free port: every timestamp request fails at once.
    tsa_url = f"http://127.0.0.1:{free_port()}/tsa"
    offline = Issuer(keystore, tsa_url=tsa_url, level="B-T", timeout=2.0)
    try:
        with pytest.raises(Retry):  # an outage: arq tries again later
            await sign_result({**job_ctx, "issuer": offline}, str(signing.result_id))
        assert not _of(await events_of(flow.sessions, signing.application_id), SIGNING_FAILED,
                       signing.result_id)  # fmt: skip
        last_try = {**job_ctx, "issuer": offline, "job_try": SIGN_MAX_TRIES}
        assert await sign_result(last_try, str(signing.result_id)) == "failed"
        assert await sign_result(last_try, str(signing.result_id)) == "failed"
    finally:
        await offline.aclose()
    [failed] = _of(await events_of(flow.sessions, signing.application_id), SIGNING_FAILED,
                   signing.result_id)  # fmt: skip
    assert failed.data["reason"] == "retries_exhausted"
    assert "127.0.0.1" not in failed.data["detail"]  # the worker log has the error, not the event
    assert await _status(flow.sessions, signing.application_id) == "signing"

    # The TSA is back: the retried job signs.
    assert await sign_result(job_ctx, str(signing.result_id)) == "signed"
    assert await _status(flow.sessions, signing.application_id) == SIGNED_STATUS


async def test_a_real_worker_without_the_key_records_it_and_signs_after_the_retry(
    flow: Flow,
    worker_factory: WorkerFactory,  # noqa: F811
    worker_keystore_env: dict[str, str],
    arq_pool: ArqRedis,  # noqa: F811
    cli: Cli,  # noqa: F811
    settings: Settings,
) -> None:
    # The signer is the provider head, whose key this first worker's key store lacks.
    config = json.loads(worker_keystore_env["QAQPA_KEYSTORE"])
    config["keys"] = [key for key in config["keys"] if key["iin"] != PROVIDER_HEAD_IIN]
    without = worker_factory(job_timeout=30.0, name="without-key")
    without.env.update({**worker_keystore_env, "QAQPA_KEYSTORE": json.dumps(config)})
    without.start()
    signing = await drive_to_signing(flow, await flow.make_partner())
    rid = signing.result_id

    async def failed() -> list[Event]:
        return _of(await events_of(flow.sessions, signing.application_id), SIGNING_FAILED, rid)

    try:
        [event] = await eventually(failed, within=60.0)
    except TimeoutError:
        raise AssertionError("no signing_failed\n" + without.log_text()) from None
    assert event.data["reason"] == "signer_key_missing"
    assert PROVIDER_HEAD_IIN in event.data["detail"]

    # The same job delivered again (at least once): it fails the same way, nothing is added.
    again = await arq_pool.enqueue_job("sign_result", str(rid), _job_id=f"again-{uuid.uuid4()}")
    assert again is not None
    assert await again.result(timeout=60) == "failed"
    assert len(await failed()) == 1
    assert await _status(flow.sessions, signing.application_id) == "signing"
    errors = [
        e
        for e in without.log_events()
        if e.get("event") == "sign_result_failed" and e.get("result_id") == str(rid)
    ]
    assert len(errors) == 2 and all(e["level"] == "error" for e in errors), without.log_text()
    assert {e["reason"] for e in errors} == {"signer_key_missing"}
    assert [e["recorded"] for e in errors] == ["recorded", "repeated"]
    without.stop()

    # The key is installed and the workers restarted; the operator retries what is stuck.
    with_key = worker_factory(job_timeout=30.0, name="with-key")
    with_key.env.update(worker_keystore_env)
    with_key.start()
    retried = await _retry(cli, settings, "--stuck")
    assert retried.exit_code == 0, retried.output
    assert str(rid) in json.loads(retried.stdout)["retried"]

    async def signed() -> bool:
        return await _status(flow.sessions, signing.application_id) == SIGNED_STATUS

    try:
        await eventually(signed, within=60.0)
    except TimeoutError:
        raise AssertionError("not signed after the retry\n" + with_key.log_text()) from None
    events = await events_of(flow.sessions, signing.application_id)
    mine = [e.kind for e in events if e.data.get("result_id") == str(rid)]
    assert mine[-4:] == [SIGNING_FAILED, SIGNING_RETRIED, "result_signed", "status_changed"]
    assert chain_is_intact(events)
    with_key.stop()


async def test_retry_signing_refuses_a_signed_result_with_exit_code_2(
    issued: Any,
    cli: Cli,  # noqa: F811
    settings: Settings,
) -> None:
    result_id = str(issued.signing.result_id)
    answer = await _retry(cli, settings, result_id)
    assert answer.exit_code == 2
    assert answer.stdout == ""
    assert f"result {result_id} is already signed" in answer.stderr


async def test_retry_signing_refuses_a_result_the_signer_has_not_approved(
    flow: Flow,
    cli: Cli,  # noqa: F811
    settings: Settings,
) -> None:
    application_id, result_id = await to_signer_step(flow, await flow.make_partner())
    answer = await _retry(cli, settings, str(result_id))
    assert answer.exit_code == 2  # four eyes: an operator cannot skip the signer's review
    assert "has not been approved for signature" in answer.stderr
    assert await _sign_jobs(flow.sessions, result_id) == 0
    assert not _of(await events_of(flow.sessions, application_id), SIGNING_RETRIED, result_id)


async def test_retry_signing_usage(cli: Cli, settings: Settings) -> None:  # noqa: F811
    unknown = await _retry(cli, settings, str(uuid.uuid4()))
    assert unknown.exit_code == 1 and "no result" in unknown.stderr
    assert (await _retry(cli, settings)).exit_code == 2  # neither RESULT_ID nor --stuck
    assert (await _retry(cli, settings, str(uuid.uuid4()), "--stuck")).exit_code == 2
