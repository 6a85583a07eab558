"""The NCALayer stand-in with an NCA GOST key: each CMS mode the console and other clients use
(attached login nonce, detached content, precomputed Streebog-512 digest) verifies with our
verifier, by NCA's certificate; a digest cannot be encapsulated."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from websockets.sync.client import connect

from registry.settings import Settings
from signing import Verifier
from signing.gost.hashes import digest as gost_digest
from testkit.ncalayer import BASICS, NcaLayerStandIn
from testkit.pki.server import BuiltPki
from tests.results.test_officer_signing_gost import VALID, _gost_settings
from tests.signing.gost_helpers import CA, TEST_IIN, certificate, signer

CONTENT = b"%PDF-1.7 the byte ranges of a permit"


def _ask(url: str, data: str, **params: bool) -> dict[str, Any]:
    with connect(url) as socket:
        json.loads(socket.recv())  # the greeting
        args = {"format": "cms", "data": data, "signingParams": params, "signerParams": {}}
        socket.send(json.dumps({"module": BASICS, "method": "sign", "args": args}))
        answer: dict[str, Any] = json.loads(socket.recv())
    return answer


@pytest.mark.parametrize(
    ("data", "params", "detached"),
    [
        (CONTENT, {"decode": True, "encapsulate": True}, False),
        (CONTENT, {"decode": True, "encapsulate": False}, True),
        (gost_digest("streebog512", CONTENT), {"decode": True, "digested": True}, True),
    ],
)
async def test_the_stand_in_signs_with_an_nca_gost_key(
    pki: BuiltPki, settings: Settings, data: bytes, params: dict[str, bool], detached: bool
) -> None:
    with NcaLayerStandIn(pki.directory) as stand_in:
        stand_in.gost = signer(VALID)
        stand_in.gost_chain = [certificate(CA)]
        answer = _ask(stand_in.url, base64.b64encode(data).decode(), **params)
        refused = _ask(stand_in.url, "AA==", digested=True, encapsulate=True)
    assert answer["status"] is True, answer
    assert refused["status"] is False
    cms = base64.b64decode(answer["body"]["result"])
    async with Verifier(_gost_settings(settings).verification_policy()) as verifier:
        result = await verifier.verify_cms(
            cms,
            CONTENT if detached else None,
            expect_iin=TEST_IIN,
            purpose="sign" if detached else "auth",  # a login nonce is attached
        )
    assert result.valid, result
