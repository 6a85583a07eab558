"""The B-LT revocation collector reads what the verifier reads: preloaded CRLs, URL rewrites,
offline mode, and asks nothing for a trust anchor.

Before, it followed only the certificates' own URLs: a closed-network deployment (NCA's CRL
preloaded, or mirrored under a rewritten URL) could not sign at B-LT with an NCA key. The
collector serves the XAdES signer and the PDF's DSS (``signing.pades.dss``) alike.
"""

from __future__ import annotations

import pytest
from aiohttp import web
from asn1crypto import x509

from scripts.stack import free_port
from signing.encoding import decode_one
from signing.policy import VerificationPolicy
from signing.revocation.sources import RevocationSources
from signing.xades import XadesSigner
from signing.xades.revinfo import RevocationDataError
from tests.signing.gost_helpers import CA, CRL, ROOT, certificate, signer

ANCHORS = (str(ROOT), str(CA))
NCA_CRL = decode_one(CRL.read_bytes())


def _chain() -> list[x509.Certificate]:
    """An NCA GOST officer's chain as the signing session builds it: the key's certificate,
    then NCA's issuing CA (a trust anchor here, as the deployments configure it)."""
    return [signer("individual_valid_individual_valid").certificate, certificate(CA)]


async def test_preloaded_crls_offline_and_no_data_asked_for_an_anchor() -> None:
    preloaded = VerificationPolicy(trust_anchors=ANCHORS, offline=True, crl_files=(str(CRL),))
    async with XadesSigner(sources=RevocationSources.from_policy(preloaded)) as xades:
        found = await xades.collector.collect(_chain())
    assert found.crls == (NCA_CRL,) and found.ocsps == ()

    # The issuing CA's own CRL is on the internet only: were it no anchor, B-LT would fail.
    not_anchored = RevocationSources.from_policy(preloaded, anchors=[certificate(ROOT)])
    async with XadesSigner(sources=not_anchored) as xades:
        with pytest.raises(RevocationDataError, match="GOST"):
            await xades.collector.collect(_chain())
    # Offline without the preloaded file: nothing to embed, an error rather than a bare B-LT.
    bare = VerificationPolicy(trust_anchors=ANCHORS, offline=True)
    async with XadesSigner(sources=RevocationSources.from_policy(bare)) as xades:
        with pytest.raises(RevocationDataError):
            await xades.collector.collect(_chain())


async def test_the_certificates_urls_are_fetched_from_the_mirror() -> None:
    requests: list[str] = []

    async def serve(request: web.Request) -> web.Response:
        requests.append(request.path)
        if request.path == "/crl/nca_gost2022_test.crl":
            return web.Response(body=CRL.read_bytes())
        return web.Response(status=404)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", serve)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        mirrored = VerificationPolicy(
            trust_anchors=ANCHORS,
            url_rewrite=(("http://test.pki.gov.kz/", f"http://127.0.0.1:{port}/"),),
        )
        sources = RevocationSources.from_policy(mirrored)
        async with XadesSigner(fetch_timeout=5.0, sources=sources) as xades:
            found = await xades.collector.collect(_chain())
    finally:
        await runner.cleanup()
    assert found.crls == (NCA_CRL,)
    assert "/crl/nca_gost2022_test.crl" in requests
