"""NCA's GOST-2015 single keys log in too: one key authenticates and signs (policy
1.2.398.3.3.2), though its extended key usage names emailProtection and NCA's roles only."""

from __future__ import annotations

import pytest

from signing.identity import EKU_CLIENT_AUTH, purpose_problem, read_identity
from tests.signing.gost_helpers import VALID, signer


@pytest.mark.parametrize("name", VALID)
def test_an_nca_gost_single_key_serves_login_and_signing(name: str) -> None:
    identity = read_identity(signer(name).certificate)
    assert EKU_CLIENT_AUTH not in identity.extended_key_usage  # as NCA issues them
    assert purpose_problem(identity, "auth", False) is None
    assert purpose_problem(identity, "sign", False) is None
