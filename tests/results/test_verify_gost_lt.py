"""GOST results signed at B-LT and B-LTA verify publicly from what they embed alone.

The officer's NCA GOST signature is issued at B-LT/B-LTA (``test_officer_signing_gost_lt.py``
makes the documents); ``POST /v1/verify`` is then asked by a deployment that is offline and
preloads no CRL, so only the document's own DSS (PDF) and ``xades:RevocationValues`` (XML)
can settle revocation: both must verify, at the level they were signed at.
"""

from __future__ import annotations

import msgspec
import pytest
from litestar.testing import AsyncTestClient

from gateway.app import create_app
from registry.settings import Settings
from signing import Level
from tests.results.test_officer_signing_gost import _gost_settings
from tests.results.test_officer_signing_gost_lt import _issued_files
from tests.signing.gost_helpers import TEST_IIN
from tests.workflow.conftest import Flow


@pytest.mark.parametrize("level", ["B-LT", "B-LTA"])
async def test_a_gost_result_at_lt_verifies_offline_from_its_own_data(
    flow: Flow, settings: Settings, level: Level
) -> None:
    pdf, xml = await _issued_files(flow, settings, level)
    bare = msgspec.structs.replace(_gost_settings(settings), crl_files="")
    async with AsyncTestClient(app=create_app(bare)) as client:
        for data, kind in ((pdf, "pdf"), (xml, "xml")):
            response = await client.post(
                "/v1/verify", content=data, headers={"Content-Type": f"application/{kind}"}
            )
            assert response.status_code == 200, response.text
            [report] = response.json()["signatures"]
            assert report["valid"] is True, (kind, report)
            assert report["revocation"] == "good" and report["signer"]["iin"] == TEST_IIN
            expected = level if kind == "pdf" else "B-LT"  # the XML's level stops at B-LT
            assert report["level"] == expected, (kind, report)
