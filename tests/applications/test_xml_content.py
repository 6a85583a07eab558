"""XML submissions: the application used is exactly the content verified (issue 13 item 11).

Canonical XML (what the signature digests) drops comments, so a comment put into the signed
``<document>`` leaves the signature valid while splitting the text a naive reader takes.
``<document>`` may hold text only; a comment, processing instruction or element is refused.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Application
from signing import xmldsig
from testkit.pki.server import BuiltPki
from tests.applications.signed import document_for, xml_signed
from tests.applications.stored import applications_of
from tests.conftest import PartnerKey

Client = AsyncTestClient[Litestar]
MakePartner = Callable[..., Awaitable[PartnerKey]]
URL = "/v1/applications"
DOCUMENT_TAG = "<document>"


def _comment_inside(xml: str, after: int) -> str:
    """The signed XML with a comment ``after`` characters into ``<document>``'s text."""
    at = xml.index(DOCUMENT_TAG) + len(DOCUMENT_TAG) + after
    return xml[:at] + "<!-- x -->" + xml[at:]


@pytest.mark.parametrize("after", [0, 40])
async def test_a_comment_splitting_the_document_is_refused(
    client: Client,
    pki: BuiltPki,
    make_partner: MakePartner,
    sessions: async_sessionmaker[AsyncSession],
    after: int,
) -> None:
    partner = await make_partner()
    body = xml_signed(pki, "individual-sign", document_for())
    tampered = _comment_inside(body["xml"], after)
    # The premise: the signature still verifies, comments are not part of what it covers.
    parsed = xmldsig.parse_xml(tampered.encode())
    assert xmldsig.signature_findings(parsed, datetime.now(UTC)) == []
    response = await client.post(URL, json={"xml": tampered}, headers=partner.headers)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "xml_mixed_content"
    assert "a comment" in response.json()["detail"]
    assert await applications_of(sessions, partner.id) == 0


@pytest.mark.parametrize(
    ("inside", "kind"),
    [
        ("<!-- a note the gateway would not see -->", "a comment"),
        ("<?render mode='hidden'?>", "a processing instruction"),
        ("<amount>1000000</amount>", "an element"),
    ],
)
async def test_signed_markup_inside_the_document_is_refused(
    client: Client,
    pki: BuiltPki,
    make_partner: MakePartner,
    sessions: async_sessionmaker[AsyncSession],
    inside: str,
    kind: str,
) -> None:
    # The signer signed it all, yet the gateway would read only the text before the markup.
    partner = await make_partner()
    body = xml_signed(pki, "individual-sign", document_for(), inside=inside)
    response = await client.post(URL, json=body, headers=partner.headers)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "xml_mixed_content"
    assert kind in response.json()["detail"]
    assert await applications_of(sessions, partner.id) == 0


async def test_a_plain_xml_submission_is_accepted_with_its_whole_document(
    client: Client,
    pki: BuiltPki,
    make_partner: MakePartner,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    partner = await make_partner()
    document = document_for()
    response = await client.post(
        URL, json=xml_signed(pki, "individual-sign", document), headers=partner.headers
    )
    assert response.status_code == 202, response.text
    async with sessions() as session:
        stored = await session.get(Application, response.json()["id"])
    assert stored is not None
    assert stored.document_sha256 == hashlib.sha256(document).hexdigest()
    assert stored.applicant_name == json.loads(document)["applicant"]["name"]


async def test_a_doctype_is_refused_before_anything_is_read(
    client: Client, pki: BuiltPki, make_partner: MakePartner
) -> None:
    partner = await make_partner()
    signed = xml_signed(pki, "individual-sign", document_for())["xml"]
    with_doctype = "<!DOCTYPE application>" + signed
    response = await client.post(URL, json={"xml": with_doctype}, headers=partner.headers)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "malformed"
    assert "DOCTYPE" in response.json()["detail"]
