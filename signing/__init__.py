"""signing package.

Verification of applicants' EDS certificates and signatures the way NCA RK relying parties
must do it: path validation to configured anchors (pyhanko-certvalidator), CRL *and* OCSP for
every certificate of the path with signatures and responder authorisation checked, key
purpose from NCA policies and key usage, IIN/BIN checksums and the match with the request,
CMS (detached/attached) and XMLDSig signatures -- all reported as one
:class:`~signing.result.VerificationResult` whose ``code`` is the first failing check in a
fixed order.

A library: async functions, no HTTP framework, no database, no global settings.  Build a
:class:`~signing.policy.VerificationPolicy` (Qaqpa's settings build it), create one
:class:`~signing.verify.Verifier` per process, share it.  ``signing.cli`` holds the click
groups (``certs``, ``signature``, ``pki``); ``signing.testpki`` the certomancer test PKI.
"""

from signing.keys.config import KeystoreConfig
from signing.policy import VerificationPolicy
from signing.result import Code, Identity, Revocation, VerificationResult
from signing.revocation import InMemoryRevocationCache, RedisRevocationCache, RevocationCache
from signing.verify import Verifier

__all__ = [
    "Code",
    "Identity",
    "InMemoryRevocationCache",
    "KeystoreConfig",
    "RedisRevocationCache",
    "Revocation",
    "RevocationCache",
    "VerificationPolicy",
    "VerificationResult",
    "Verifier",
]
