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

from registry.models import Application
from signing import xmldsig
from tests.applications.signed import document_for, xml_signed
from tests.applications.stored import applications_of
from tests.conftest import PartnerKey
from tests.workflow.conftest import Flow

Client = AsyncTestClient[Litestar]
MakePartner = Callable[..., Awaitable[PartnerKey]]
URL = "/v1/applications"
DOCUMENT_TAG = "<document>"


def _comment_inside(xml: str, after: int) -> str:
    """The signed XML with a comment ``after`` characters into ``<document>``'s text."""
    at = xml.index(DOCUMENT_TAG) + len(DOCUMENT_TAG) + after
    return xml[:at] + "<!-- x -->" + xml[at:]


@pytest.mark.parametrize("after", [0, 40])
async def test_a_comment_splitting_the_document_is_refused(flow: Flow, after: int) -> None:
    partner = await flow.make_partner()
    body = xml_signed(flow.pki, "individual-sign", document_for())
    tampered = _comment_inside(body["xml"], after)
    # The premise: the signature still verifies, comments are not part of what it covers.
    parsed = xmldsig.parse_xml(tampered.encode())
    assert xmldsig.signature_findings(parsed, datetime.now(UTC)) == []
    response = await flow.client.post(URL, json={"xml": tampered}, headers=partner.headers)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "xml_mixed_content"
    assert "a comment" in response.json()["detail"]
    assert await applications_of(flow.sessions, partner.id) == 0


@pytest.mark.parametrize(
    ("inside", "kind"),
    [
        ("<!-- a note the gateway would not see -->", "a comment"),
        ("<?render mode='hidden'?>", "a processing instruction"),
        ("<amount>1000000</amount>", "an element"),
    ],
)
async def test_signed_markup_inside_the_document_is_refused(
    flow: Flow, inside: str, kind: str
) -> None:
    # The signer signed it all, yet the gateway would read only the text before the markup.
    partner = await flow.make_partner()
    body = xml_signed(flow.pki, "individual-sign", document_for(), inside=inside)
    response = await flow.client.post(URL, json=body, headers=partner.headers)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "xml_mixed_content"
    assert kind in response.json()["detail"]
    assert await applications_of(flow.sessions, partner.id) == 0


async def test_a_plain_xml_submission_is_accepted_with_its_whole_document(flow: Flow) -> None:
    partner = await flow.make_partner()
    document = document_for()
    response = await flow.client.post(
        URL, json=xml_signed(flow.pki, "individual-sign", document), headers=partner.headers
    )
    assert response.status_code == 202, response.text
    async with flow.sessions() as session:
        stored = await session.get(Application, response.json()["id"])
    assert stored is not None
    assert stored.document_sha256 == hashlib.sha256(document).hexdigest()
    assert stored.applicant_name == json.loads(document)["applicant"]["name"]


async def test_a_doctype_is_refused_before_anything_is_read(flow: Flow) -> None:
    partner = await flow.make_partner()
    signed = xml_signed(flow.pki, "individual-sign", document_for())["xml"]
    with_doctype = "<!DOCTYPE application>" + signed
    response = await flow.client.post(URL, json={"xml": with_doctype}, headers=partner.headers)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "malformed"
    assert "DOCTYPE" in response.json()["detail"]
