"""The signer's approval through a REAL worker: outbox row → relay → ``sign_result`` → issued.

The worker process opens the key store from ``QAQPA_KEYSTORE`` (its own SoftHSM2 token
directory, the PIN from ``QAQPA_PKCS11_PIN``) at start, as in production.
"""

from __future__ import annotations

import hashlib

from litestar import Litestar
from litestar.testing import AsyncTestClient

from registry.models import Result
from tests.results.conftest import drive_to_signing
from tests.results.helpers import documents_of
from tests.workers.conftest import WorkerFactory, worker_factory  # noqa: F401 - the fixture
from tests.workers.polling import eventually
from tests.workflow.conftest import Flow
from tests.workflow.helpers import application_of, events_of

Client = AsyncTestClient[Litestar]


async def test_a_real_worker_signs_and_issues_the_result(
    flow: Flow,
    worker_factory: WorkerFactory,  # noqa: F811
    worker_keystore_env: dict[str, str],
) -> None:
    signing = await drive_to_signing(flow, await flow.make_partner())
    worker = worker_factory(job_timeout=30.0)
    worker.env.update(worker_keystore_env)
    worker.start()

    async def signed() -> Result | None:
        async with flow.sessions() as session:
            result = await session.get(Result, signing.result_id)
        return result if result is not None and result.status == "signed" else None

    try:
        result = await eventually(signed, within=60.0)
    except TimeoutError:
        raise AssertionError("the worker did not sign the result\n" + worker.log_text()) from None
    assert result is not None and result.signed_at is not None
    application = await application_of(flow.sessions, signing.application_id)
    assert application.status == "result_registration"
    stored = await documents_of(flow.sessions, signing.result_id)
    assert [d.kind for d in stored] == ["pdf", "xml"]
    [event] = [e for e in await events_of(flow.sessions, signing.application_id)
               if e.kind == "result_signed"]  # fmt: skip
    assert {d["sha256"] for d in event.data["documents"]} == {
        hashlib.sha256(d.content).hexdigest() for d in stored
    }
    # The partner downloads what the worker stored, and it verifies.
    base = f"/v1/applications/{signing.application_id}/documents"
    for document in stored:
        download = await flow.client.get(f"{base}/{document.id}", headers=signing.partner.headers)
        assert download.content == document.content
        report = await flow.client.post(
            "/v1/verify", content=download.content,
            headers={"Content-Type": document.media_type},
        )  # fmt: skip
        assert report.json()["valid"] is True, report.text
    assert "result_signed" in worker.log_text()
    worker.stop()
