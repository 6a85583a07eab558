"""Verification policy: everything configurable, passed in explicitly.

The library never reads settings on its own; the gateway (or the CLI) builds a
``VerificationPolicy`` -- typically with :func:`policy_from_env` -- and hands it to a
:class:`signing.verify.Verifier`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

import msgspec

from signing.revocation.fetch import FetchLimits

RevocationMode = Literal["hard", "soft"]
ValidationTimeMode = Literal["now", "signing_time"]


class VerificationPolicy(msgspec.Struct, frozen=True, kw_only=True):
    # PEM/DER files or directories of trust anchors (several allowed).
    trust_anchors: tuple[str, ...] = ()
    # Files with intermediate CA certificates known in advance (PEM bundles allowed).
    intermediates: tuple[str, ...] = ()
    # hard: no fresh revocation info => revocation_unknown; soft: accept and report "unknown".
    revocation_mode: RevocationMode = "hard"
    # Accept IIN/BIN values that fail the checksum/structure (NCA test certificates).
    test_pki: bool = False
    # Seconds for one CRL/OCSP/AIA fetch.
    fetch_timeout: float = 5.0
    # Never fetch: only configured/supplied certificates, CRLs and OCSP responses count.
    offline: bool = False
    use_crl: bool = True
    use_ocsp: bool = True
    # "now", or "signing_time": the genTime of a signature-timestamp token (RFC 3161, in the
    # CMS's unsigned attributes) that verifies against our anchors -- never the signing-time
    # attribute, which the signer writes himself.  Without such a token: now.
    validation_time: ValidationTimeMode = "now"
    # Upper bound for caching a positive certificate verdict, seconds.
    max_cache_seconds: float = 3600.0
    # How long a negative verdict (untrusted, revoked, unknown...) is remembered, seconds.
    negative_cache_seconds: float = 30.0
    # Cache lifetime of OCSP responses without nextUpdate, seconds.
    ocsp_default_ttl: float = 300.0
    # Largest CRL/OCSP/certificate body accepted from the network, bytes.
    max_response_bytes: int = 128 * 1024 * 1024
    # Smallest RSA modulus accepted, bits.
    min_rsa_bits: int = 2048
    # What one verification may fetch: allow-listed hosts for caIssuers, URL/time/size caps.
    fetch: FetchLimits = FetchLimits()


ENV_VARIABLES: dict[str, str] = {
    "QAQPA_TRUST_ANCHORS": "trust anchor PEM/DER files or directories, separated by ':' or ','",
    "QAQPA_INTERMEDIATES": "intermediate CA certificate files, separated by ':' or ','",
    "QAQPA_REVOCATION_MODE": "hard (default) or soft",
    "QAQPA_TEST_PKI": "1/true to accept NCA test IIN/BIN numbers that fail the checksum",
    "QAQPA_FETCH_TIMEOUT": "seconds per CRL/OCSP/AIA fetch (default 5)",
    "QAQPA_OFFLINE": "1/true: never fetch revocation data or certificates",
    "QAQPA_VALIDATION_TIME": "now (default) or signing_time (a trusted signature timestamp's)",
    "QAQPA_FETCH_ALLOWED_HOSTS": "host[:port] list caIssuers URLs may name besides our CAs'",
    "QAQPA_FETCH_MAX_URLS": "URLs one verification may fetch (4)",
    "QAQPA_FETCH_MAX_BYTES": "largest fetched certificate or OCSP answer, bytes (1 MiB)",
    "QAQPA_FETCH_MAX_SECONDS": "total fetching time of one verification, seconds (10)",
    "QAQPA_FETCH_MAX_CONCURRENT": "fetches in flight at once per verifier (8)",
    "QAQPA_CERT_CACHE_SECONDS": "max seconds a positive certificate verdict is cached (3600)",
    "QAQPA_OCSP_DEFAULT_TTL": "seconds to cache OCSP responses lacking nextUpdate (300)",
}

_TRUE = {"1", "true", "yes", "on"}


def _paths(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    parts = value.replace(",", os.pathsep).split(os.pathsep)
    return tuple(p.strip() for p in parts if p.strip())


_FETCH_NUMBERS: dict[str, tuple[str, type[int] | type[float]]] = {
    "QAQPA_FETCH_MAX_URLS": ("max_urls", int),
    "QAQPA_FETCH_MAX_BYTES": ("max_bytes", int),
    "QAQPA_FETCH_MAX_SECONDS": ("max_seconds", float),
    "QAQPA_FETCH_MAX_CONCURRENT": ("max_concurrent", int),
}


def _fetch_fields(env: Mapping[str, str]) -> dict[str, object]:
    fields: dict[str, object] = {}
    if "QAQPA_FETCH_ALLOWED_HOSTS" in env:
        hosts = env["QAQPA_FETCH_ALLOWED_HOSTS"].split(",")
        fields["allowed_hosts"] = tuple(h.strip() for h in hosts if h.strip())
    for variable, (name, kind) in _FETCH_NUMBERS.items():
        if variable in env:
            fields[name] = kind(env[variable])
    return fields


def policy_from_env(
    env: Mapping[str, str] | None = None, **overrides: object
) -> VerificationPolicy:
    """Build a policy from ``QAQPA_*`` variables in ``env`` (default ``os.environ``).

    Unset variables keep the defaults; ``overrides`` (policy field names) win over the env.
    Raises ``ValueError`` on values that cannot be understood, so misconfiguration fails at
    start-up rather than per request.
    """
    env = os.environ if env is None else env
    fields: dict[str, object] = {}
    if "QAQPA_TRUST_ANCHORS" in env:
        fields["trust_anchors"] = _paths(env["QAQPA_TRUST_ANCHORS"])
    if "QAQPA_INTERMEDIATES" in env:
        fields["intermediates"] = _paths(env["QAQPA_INTERMEDIATES"])
    if "QAQPA_REVOCATION_MODE" in env:
        fields["revocation_mode"] = env["QAQPA_REVOCATION_MODE"].strip().lower()
    if "QAQPA_TEST_PKI" in env:
        fields["test_pki"] = env["QAQPA_TEST_PKI"].strip().lower() in _TRUE
    if "QAQPA_OFFLINE" in env:
        fields["offline"] = env["QAQPA_OFFLINE"].strip().lower() in _TRUE
    if "QAQPA_FETCH_TIMEOUT" in env:
        fields["fetch_timeout"] = float(env["QAQPA_FETCH_TIMEOUT"])
    if "QAQPA_VALIDATION_TIME" in env:
        fields["validation_time"] = env["QAQPA_VALIDATION_TIME"].strip().lower()
    if "QAQPA_CERT_CACHE_SECONDS" in env:
        fields["max_cache_seconds"] = float(env["QAQPA_CERT_CACHE_SECONDS"])
    if "QAQPA_OCSP_DEFAULT_TTL" in env:
        fields["ocsp_default_ttl"] = float(env["QAQPA_OCSP_DEFAULT_TTL"])
    fetch = _fetch_fields(env)
    if fetch:
        fields["fetch"] = fetch
    fields.update(overrides)
    try:
        return msgspec.convert(fields, VerificationPolicy)
    except msgspec.ValidationError as exc:
        raise ValueError(f"invalid signing policy: {exc}") from exc
