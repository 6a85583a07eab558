"""The verification policy is built by the settings, from the same ``QAQPA_*`` variables."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from registry.settings import load_settings
from signing import VerificationPolicy
from signing.cli import with_options

POLICY_VARIABLES = {
    "QAQPA_TRUST_ANCHORS": "/a.pem:/dir,/b.pem",
    "QAQPA_INTERMEDIATES": "/i.pem",
    "QAQPA_REVOCATION_MODE": "soft",
    "QAQPA_TEST_PKI": "true",
    "QAQPA_FETCH_TIMEOUT": "2.5",
    "QAQPA_OFFLINE": "1",
    "QAQPA_VALIDATION_TIME": "signing_time",
    "QAQPA_CERT_CACHE_SECONDS": "60",
    "QAQPA_OCSP_DEFAULT_TTL": "30",
    "QAQPA_FETCH_ALLOWED_HOSTS": "pki.gov.kz, 10.0.0.1:8080",
    "QAQPA_FETCH_MAX_URLS": "2",
    "QAQPA_FETCH_MAX_BYTES": "4096",
    "QAQPA_FETCH_MAX_SECONDS": "3.5",
    "QAQPA_FETCH_MAX_CONCURRENT": "3",
}


def test_the_policy_reads_every_verification_variable() -> None:
    # Each variable on its own moves the policy away from its defaults: none is ignored.
    ignored = [
        variable
        for variable, value in POLICY_VARIABLES.items()
        if load_settings({variable: value}).verification_policy() == VerificationPolicy()
    ]
    assert ignored == []
    policy = load_settings(POLICY_VARIABLES).verification_policy()
    assert policy.trust_anchors == ("/a.pem", "/dir", "/b.pem")
    assert policy.intermediates == ("/i.pem",)
    assert policy.revocation_mode == "soft" and policy.test_pki and policy.offline
    assert policy.fetch_timeout == 2.5 and policy.validation_time == "signing_time"
    assert policy.max_cache_seconds == 60 and policy.ocsp_default_ttl == 30
    assert policy.fetch.allowed_hosts == ("pki.gov.kz", "10.0.0.1:8080")
    assert (policy.fetch.max_urls, policy.fetch.max_bytes) == (2, 4096)
    assert (policy.fetch.max_seconds, policy.fetch.max_concurrent) == (3.5, 3)


def test_defaults_and_overrides() -> None:
    assert load_settings({}).verification_policy() == VerificationPolicy()
    assert VerificationPolicy().revocation_mode == "hard"
    # The signing commands' options win over the settings' policy.
    configured = load_settings(
        {"QAQPA_TRUST_ANCHORS": "/env.pem", "QAQPA_INTERMEDIATES": "/i.pem"}
    ).verification_policy()
    given = with_options(
        configured, trust=(Path("/option.pem"),), intermediates=(Path("/more.pem"),)
    )
    assert given.trust_anchors == ("/option.pem",)
    assert given.intermediates == ("/i.pem", "/more.pem")
    assert with_options(configured, test_pki=True, offline=True) == msgspec.structs.replace(
        configured, test_pki=True, offline=True
    )


@pytest.mark.parametrize(
    "env", [{"QAQPA_REVOCATION_MODE": "maybe"}, {"QAQPA_FETCH_TIMEOUT": "soon"}]
)
def test_bad_values_fail_at_start_up(env: dict[str, str]) -> None:
    with pytest.raises(ValueError, match=next(iter(env))):
        load_settings(env)
