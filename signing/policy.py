"""Verification policy: everything configurable, passed in explicitly.

The library never reads settings on its own; its caller builds a ``VerificationPolicy``
(Qaqpa: ``registry.settings.Settings.verification_policy`` from the ``QAQPA_*`` variables) and
hands it to a :class:`signing.verify.Verifier`.
"""

from __future__ import annotations

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
    # CRL files given to every verification (a closed network's mirror copies; re-read when
    # changed) and (prefix, replacement) rewrites of CRL/OCSP/caIssuers URLs before fetching
    # (signing.revocation.preloaded).
    crl_files: tuple[str, ...] = ()
    url_rewrite: tuple[tuple[str, str], ...] = ()
    # Accept GOST 2015 with 256-bit keys, whose curve no NCA sample has confirmed yet.
    gost2015_256: bool = False
