from __future__ import annotations

import pytest

from signing.policy import ENV_VARIABLES, VerificationPolicy, policy_from_env


def test_policy_from_env_reads_every_documented_variable() -> None:
    env = {
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
    assert set(env) == set(ENV_VARIABLES)
    policy = policy_from_env(env)
    assert policy.trust_anchors == ("/a.pem", "/dir", "/b.pem")
    assert policy.intermediates == ("/i.pem",)
    assert policy.revocation_mode == "soft" and policy.test_pki and policy.offline
    assert policy.fetch_timeout == 2.5 and policy.validation_time == "signing_time"
    assert policy.max_cache_seconds == 60 and policy.ocsp_default_ttl == 30
    assert policy.fetch.allowed_hosts == ("pki.gov.kz", "10.0.0.1:8080")
    assert (policy.fetch.max_urls, policy.fetch.max_bytes) == (2, 4096)
    assert (policy.fetch.max_seconds, policy.fetch.max_concurrent) == (3.5, 3)


def test_defaults_and_overrides() -> None:
    assert policy_from_env({}) == VerificationPolicy()
    assert VerificationPolicy().revocation_mode == "hard"
    assert policy_from_env({"QAQPA_TEST_PKI": "1"}, test_pki=False).test_pki is False


@pytest.mark.parametrize(
    "env", [{"QAQPA_REVOCATION_MODE": "maybe"}, {"QAQPA_FETCH_TIMEOUT": "soon"}]
)
def test_bad_values_fail_at_start_up(env: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        policy_from_env(env)
