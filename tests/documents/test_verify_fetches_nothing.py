"""A stranger's document never makes the gateway fetch a URL it names (issue 13, item 1).

The listener is real (127.0.0.1, its own port); the certificate names four caIssuers URLs, a
CRL and an OCSP responder on it.  Before the fix ``POST /v1/verify`` fetched all four
caIssuers URLs (XML) and pyHanko's fetcher followed them too (PDF).
"""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import AsyncTestClient

from testkit.pki.pdf import sample_pdf
from testkit.pki.sign import sign_xml
from tests.documents.listener import listening, self_made_signer, sign_pdf

Client = AsyncTestClient[Litestar]
XML = b"<document><title>Residence</title></document>"


async def test_post_verify_fetches_nothing_a_stranger_names(client: Client) -> None:
    with listening() as listener:
        signer = self_made_signer(listener.base_url)
        xml = sign_xml(XML, signer.cert_pem, signer.key)
        pdf = await sign_pdf(signer, sample_pdf())
        for data, media_type in ((xml, "application/xml"), (pdf, "application/pdf")):
            response = await client.post(
                "/v1/verify", content=data, headers={"Content-Type": media_type}
            )
            assert response.status_code == 200, response.text
            report = response.json()
            assert report["valid"] is False
            assert report["signatures"][0]["valid"] is False
        assert listener.paths == []
