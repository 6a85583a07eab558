"""Fixtures for signing tests, over the session's test PKI (``pki`` in tests/conftest.py).

The PKI server is real (werkzeug on 127.0.0.1, random port); every revocation fetch in these
tests is a real HTTP request to it.  Nothing is mocked.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from signing.policy import VerificationPolicy
from signing.verify import Verifier
from testkit.pki.server import BuiltPki


@pytest.fixture(scope="session")
def policy(pki: BuiltPki) -> VerificationPolicy:
    return VerificationPolicy(
        trust_anchors=(str(pki.trust_dir),),
        intermediates=(str(pki.intermediates_file),),
        fetch_timeout=5.0,
    )


@pytest.fixture
async def verifier(policy: VerificationPolicy) -> AsyncIterator[Verifier]:
    async with Verifier(policy) as instance:
        yield instance
