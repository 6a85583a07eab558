"""Fixtures for issued results: the worker's issuer in-process, and S3 driven to ``signing``.

The S3 application (pm-special-registration) goes through the real API up to the signer's
approval; the signer's officer account carries the provider head's IIN, whose key is on the
session's SoftHSM2 token, so the ``sign_result`` job signs with it.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any, NamedTuple

import msgspec
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from registry.resources import Resources
from signing.keys import Keystore
from testkit.hsm import SoftHsm
from testkit.keystore import local_keystore_config
from testkit.pki.config import LEGAL_BIN, PROVIDER_HEAD_IIN
from testkit.pki.server import BuiltPki
from tests.conftest import PartnerKey
from tests.workflow.conftest import (
    Flow,
    flow,  # noqa: F401 - fixture
    make_officer,  # noqa: F401 - fixture
    register_now,
    statedb,  # noqa: F401 - fixture
    submit,
)
from workers.jobs.signing import Issuer, sign_result

Client = AsyncTestClient[Litestar]
TASKS = "/v1/officer/tasks"
SERVICE = "pm-special-registration"
SIGNER_NAME = "БАСШЫБАЕВ ҚАНАТ"  # as on the provider-head certificate


@pytest.fixture(scope="session")
async def issuer(pki: BuiltPki, provider_hsm: SoftHsm) -> AsyncIterator[Issuer]:
    """What the worker builds at start (its own Keystore over the session's token), B-LT."""
    keystore = Keystore.open(local_keystore_config(pki.directory, provider_hsm))
    issuer = Issuer(keystore, tsa_url=pki.tsa_url(), level="B-LT", timeout=5.0)
    try:
        yield issuer
    finally:
        await issuer.aclose()


@pytest.fixture
def job_ctx(resources: Resources, issuer: Issuer) -> dict[str, Any]:
    """The arq ctx the job function reads, built from the session's stack."""
    return {"resources": resources, "issuer": issuer, "job_try": 1}


class Signing(NamedTuple):
    """An S3 application waiting in ``signing`` for its result's signature."""

    partner: PartnerKey
    application_id: uuid.UUID
    result_id: uuid.UUID


async def _task(client: Client, headers: dict[str, str], application_id: uuid.UUID) -> int:
    response = await client.get(TASKS, headers=headers, params={"limit": 200})
    assert response.status_code == 200, response.text
    mine = [task for task in response.json() if task["application_id"] == str(application_id)]
    assert len(mine) == 1, response.json()
    return int(mine[0]["id"])


async def _decide(
    client: Client, headers: dict[str, str], application_id: uuid.UUID, action: str,
    **body: Any,
) -> dict[str, Any]:  # fmt: skip
    task_id = await _task(client, headers, application_id)
    response = await client.post(
        f"{TASKS}/{task_id}/decisions", json={"action": action, **body}, headers=headers
    )
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def to_signer_step(
    flow: Flow,  # noqa: F811 - the fixture's name, not the fixture
    partner: PartnerKey,
    client: Client | None = None,
) -> tuple[uuid.UUID, uuid.UUID]:
    """(application id, result id) of an S3 application submitted through ``client`` (the
    session's by default), registered, assigned, approved and submitted: its result awaits the
    signer's review."""
    client = client or flow.client
    head, executor = await flow.make_officer("head"), await flow.make_officer("executor")
    application_id = await submit(client, partner, flow.pki, SERVICE, bin=LEGAL_BIN)
    assert await register_now(flow.sessions, flow.statedb, application_id) == "assignment"
    await _decide(client, head.headers, application_id, "assign",
                  data={"executor_id": str(executor.id)})  # fmt: skip
    approved = await _decide(client, executor.headers, application_id, "approve", text="Сай")
    await _decide(client, executor.headers, application_id, "submit")
    return application_id, uuid.UUID(approved["result_id"])


async def drive_to_signing(flow: Flow, partner: PartnerKey) -> Signing:  # noqa: F811 - as above
    """Take S3 to the signer's review and have the signer (the provider head's key) approve."""
    application_id, result_id = await to_signer_step(flow, partner)
    signer = await flow.make_officer("signer", iin=PROVIDER_HEAD_IIN, name=SIGNER_NAME)
    signed = await _decide(flow.client, signer.headers, application_id, "approve")
    assert signed["status"] == "signing"
    return Signing(partner, application_id, result_id)


class Issued(msgspec.Struct, frozen=True):
    signing: Signing
    pdf: bytes
    xml: bytes
    listing: list[dict[str, Any]]
    first_run: str
    second_run: str


@pytest.fixture(scope="session")
def issued_box() -> dict[str, Issued]:
    return {}


@pytest.fixture
async def issued(
    issued_box: dict[str, Issued],
    flow: Flow,  # noqa: F811 - the fixture imported above
    job_ctx: dict[str, Any],
) -> Issued:
    """One S3 application taken to its signed documents, once per session."""
    if "issued" in issued_box:
        return issued_box["issued"]
    client = flow.client
    signing = await drive_to_signing(flow, await flow.make_partner())
    first = await sign_result(job_ctx, str(signing.result_id))
    second = await sign_result(job_ctx, str(signing.result_id))
    base = f"/v1/applications/{signing.application_id}/documents"
    listing = await client.get(base, headers=signing.partner.headers)
    assert listing.status_code == 200, listing.text
    files: dict[str, bytes] = {}
    for entry in listing.json():
        download = await client.get(f"{base}/{entry['id']}", headers=signing.partner.headers)
        assert download.status_code == 200, download.text
        assert download.headers["content-type"].startswith(entry["media_type"])
        assert "attachment; filename=" in download.headers["content-disposition"]
        files[entry["kind"]] = download.content
    issued_box["issued"] = Issued(
        signing, files["pdf"], files["xml"], listing.json(), first, second
    )
    return issued_box["issued"]
