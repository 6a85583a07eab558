"""signing package.

Verification of applicants' EDS certificates and signatures the way NCA RK relying parties
must do it: path validation to configured anchors (pyhanko-certvalidator), CRL *and* OCSP for
every certificate of the path with signatures and responder authorisation checked, key
purpose from NCA policies and key usage, IIN/BIN checksums and the match with the request,
CMS (detached/attached) and XMLDSig signatures -- all reported as one
:class:`~signing.result.VerificationResult` whose ``code`` is the first failing check in a
fixed order.  Also the signing of issued documents (PAdES, XAdES) with the provider's keys.

A library: async functions, no HTTP framework, no database, no global settings.  Build a
:class:`~signing.policy.VerificationPolicy` (Qaqpa's settings build it), create one
:class:`~signing.verify.Verifier` per process, share it.  ``signing.cli`` holds the click
groups (``certs``, ``signature``, ``document``).  The test PKI lives outside, in ``testkit.pki``.

The names below are the package's public API: other packages import them from ``signing``
itself, never from its modules (``tests/test_signing_public_api.py`` holds them to it).  They
are loaded on first use (PEP 562 ``__getattr__``): ``from signing import check_iin`` costs one
small module, not pyHanko, aiohttp and redis, which keeps ``qaqpa --help`` quick.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from signing.cms.parse import signed_content
    from signing.documents import UnreadableDocumentError, verify_document
    from signing.identity import HOLDER_ROLES, ROLE_OIDS
    from signing.keys import (
        KeyConfig,
        KeyNotFoundError,
        Keystore,
        KeystoreConfig,
    )
    from signing.numbers import NumberCheck, check_bin, check_iin
    from signing.pades import (
        PadesError,
        PadesSigner,
        PreparedPdf,
        finish_external,
        prepare_external,
        signer_chain,
        signer_report,
    )
    from signing.pades.digests import (
        DIGEST_ALGORITHMS,
        DigestAlgorithm,
        UnsupportedDigestKeyError,
        byte_range_digest,
        digest_algorithm_for,
    )
    from signing.policy import VerificationPolicy
    from signing.report import DocumentReport, Level, SignatureReport
    from signing.result import Code, Identity, Revocation, VerificationResult
    from signing.revocation import InMemoryRevocationCache, RedisRevocationCache, RevocationCache
    from signing.revocation.fetch import FetchLimits
    from signing.revocation.sources import RevocationSources
    from signing.trust import load_certificates
    from signing.verify import Verifier
    from signing.xades import SignLevel, XadesSigner, XadesSignError
    from signing.xmldsig import XmlError, parse_root

# Where each public name is defined; the same list as the imports above, for run time.
_EXPORTED_FROM: dict[str, str] = {
    # Verifying certificates and signatures.
    "VerificationPolicy": "signing.policy",
    "Verifier": "signing.verify",
    "VerificationResult": "signing.result",
    "Code": "signing.result",
    "Identity": "signing.result",
    "Revocation": "signing.result",
    "HOLDER_ROLES": "signing.identity",
    "ROLE_OIDS": "signing.identity",
    "NumberCheck": "signing.numbers",
    "check_iin": "signing.numbers",
    "check_bin": "signing.numbers",
    "signed_content": "signing.cms.parse",
    "XmlError": "signing.xmldsig",
    "parse_root": "signing.xmldsig",
    # Revocation data, cached and fetched.
    "RevocationCache": "signing.revocation",
    "InMemoryRevocationCache": "signing.revocation",
    "RedisRevocationCache": "signing.revocation",
    "FetchLimits": "signing.revocation.fetch",
    "RevocationSources": "signing.revocation.sources",
    # Verifying signed documents (PAdES PDF, XAdES XML).
    "verify_document": "signing.documents",
    "UnreadableDocumentError": "signing.documents",
    "DocumentReport": "signing.report",
    "SignatureReport": "signing.report",
    "Level": "signing.report",
    "load_certificates": "signing.trust",
    # Signing issued documents with the provider's keys.
    "Keystore": "signing.keys",
    "KeystoreConfig": "signing.keys",
    "KeyConfig": "signing.keys",
    "KeyNotFoundError": "signing.keys",
    "PadesSigner": "signing.pades",
    "PadesError": "signing.pades",
    "signer_report": "signing.pades",
    # Signing issued documents with the officer's own key (NCALayer): prepare, then finish.
    "PreparedPdf": "signing.pades",
    "prepare_external": "signing.pades",
    "finish_external": "signing.pades",
    "signer_chain": "signing.pades",
    # ... over a digest of the officer's key's algorithm (SHA-256, GOST's Streebog-512...).
    "DIGEST_ALGORITHMS": "signing.pades.digests",
    "DigestAlgorithm": "signing.pades.digests",
    "UnsupportedDigestKeyError": "signing.pades.digests",
    "byte_range_digest": "signing.pades.digests",
    "digest_algorithm_for": "signing.pades.digests",
    "XadesSigner": "signing.xades",
    "XadesSignError": "signing.xades",
    "SignLevel": "signing.xades",
}

__all__ = [
    "DIGEST_ALGORITHMS",
    "HOLDER_ROLES",
    "ROLE_OIDS",
    "Code",
    "DigestAlgorithm",
    "DocumentReport",
    "FetchLimits",
    "Identity",
    "InMemoryRevocationCache",
    "KeyConfig",
    "KeyNotFoundError",
    "Keystore",
    "KeystoreConfig",
    "Level",
    "NumberCheck",
    "PadesError",
    "PadesSigner",
    "PreparedPdf",
    "RedisRevocationCache",
    "Revocation",
    "RevocationCache",
    "RevocationSources",
    "SignLevel",
    "SignatureReport",
    "UnreadableDocumentError",
    "UnsupportedDigestKeyError",
    "VerificationPolicy",
    "VerificationResult",
    "Verifier",
    "XadesSignError",
    "XadesSigner",
    "XmlError",
    "byte_range_digest",
    "check_bin",
    "check_iin",
    "digest_algorithm_for",
    "finish_external",
    "load_certificates",
    "parse_root",
    "prepare_external",
    "signed_content",
    "signer_chain",
    "signer_report",
    "verify_document",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use and keep the name here."""
    module = _EXPORTED_FROM.get(name)
    if module is None:
        # AttributeError lets ``from signing import <submodule>`` fall back to the import system.
        raise AttributeError(f"module 'signing' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
