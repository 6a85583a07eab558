"""POST /v1/applications with NCA's real GOST test keys, signed by the test kit's GOST signer
as NCALayer would sign: the NCA GOST test root (and its issuing CA, NCA's usual set-up) as
trust anchors, revocation from the CA's CRL as a preloaded CRL file (no network), test-PKI
numbers relaxed (NCA's test IIN/BINs fail the real checksum)."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any
from xml.sax.saxutils import escape

import msgspec
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from gateway.app import create_app
from registry.domains import example_application
from registry.settings import Settings
from tests.conftest import PartnerKey
from tests.signing.gost_helpers import CA, CRL, ROOT, TEST_BIN, TEST_IIN, signer

Client = AsyncTestClient[Litestar]
MakePartner = Callable[..., Awaitable[PartnerKey]]
URL = "/v1/applications"


@pytest.fixture(scope="module")
async def gost_client(settings: Settings) -> AsyncIterator[Client]:
    gost_settings = msgspec.structs.replace(
        settings,
        trust_anchors=f"{ROOT}:{CA}",
        intermediates="",
        crl_files=str(CRL),
        offline=True,
        test_pki=True,
    )
    async with AsyncTestClient(app=create_app(gost_settings)) as client:
        yield client


def document(service: str = "declarant-certificate", **applicant: str) -> bytes:
    fields = applicant or {"iin": TEST_IIN}
    return json.dumps(example_application(service, **fields), ensure_ascii=False).encode()


def detached(name: str, content: bytes) -> dict[str, str]:
    return {
        "document": base64.b64encode(content).decode(),
        "signature": base64.b64encode(signer(name).sign_cms(content)).decode(),
    }


def attached(name: str, content: bytes) -> dict[str, str]:
    return {"cms": base64.b64encode(signer(name).sign_cms(content, detached=False)).decode()}


def xml_signed(name: str, content: bytes) -> dict[str, str]:
    xml = (
        '<application xmlns="urn:qaqpa:application:1"><document>'
        + escape(content.decode())
        + "</document></application>"
    ).encode()
    return {"xml": signer(name).sign_xml(xml).decode()}


async def _post(client: Client, partner: PartnerKey, body: dict[str, str]) -> Any:
    return await client.post(URL, json=body, headers=partner.headers)


@pytest.mark.parametrize("shape", [detached, attached, xml_signed])
async def test_an_individual_gost_application_is_accepted(
    gost_client: Client, make_partner: MakePartner, shape: Callable[..., dict[str, str]]
) -> None:
    partner = await make_partner()
    response = await _post(
        gost_client, partner, shape("individual_valid_individual_valid", document())
    )
    assert response.status_code == 202, response.text
    status = await gost_client.get(response.json()["status_url"], headers=partner.headers)
    assert status.json()["applicant"]["iin"] == TEST_IIN


@pytest.mark.parametrize("name", ["legal_valid_head", "legal_valid_employee_signright"])
async def test_a_bin_application_signed_by_the_head_or_the_sign_right_employee(
    gost_client: Client, make_partner: MakePartner, name: str
) -> None:
    partner = await make_partner()
    content = document("customs-release", bin=TEST_BIN)
    response = await _post(gost_client, partner, detached(name, content))
    assert response.status_code == 202, response.text


@pytest.mark.parametrize(
    "name", ["individual_revoked_individual_revoked", "legal_revoked_head", "legal_valid_employee"]
)
async def test_a_revoked_nca_key_is_refused(
    gost_client: Client, make_partner: MakePartner, name: str
) -> None:
    partner = await make_partner()
    content = (
        document() if name.startswith("individual") else document("customs-release", bin=TEST_BIN)
    )
    response = await _post(gost_client, partner, detached(name, content))
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "revoked"


async def test_a_changed_document_is_refused(
    gost_client: Client, make_partner: MakePartner
) -> None:
    partner = await make_partner()
    body = detached("individual_valid_individual_valid", document())
    body["document"] = base64.b64encode(document().replace(b"{", b"{ ", 1)).decode()
    response = await _post(gost_client, partner, body)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "signature_invalid"


async def test_a_treasury_client_key_has_no_authority_to_sign_for_the_bin(
    gost_client: Client, make_partner: MakePartner
) -> None:
    # NCA's treasury-client certificate (EKU …4.1.2.6, a BIN and no IIN) is valid and unrevoked,
    # but it is not a person entitled to sign the company's applications.
    partner = await make_partner()
    content = document("customs-release", bin=TEST_BIN)
    response = await _post(gost_client, partner, detached("legal_valid_treasury_client", content))
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "no_signing_authority"
    assert "treasury_client" in response.json()["detail"]
