"""signing package.

Verification of applicants' EDS certificates and signatures the way NCA RK relying parties
must do it: path validation to configured anchors (pyhanko-certvalidator), CRL *and* OCSP for
every certificate of the path with signatures and responder authorisation checked, key
purpose from NCA policies and key usage, IIN/BIN checksums and the match with the request,
CMS (detached/attached) and XMLDSig signatures -- all reported as one
:class:`~signing.result.VerificationResult` whose ``code`` is the first failing check in a
fixed order.

A library: async functions, no HTTP framework, no database, no global settings.  Build a
:class:`~signing.policy.VerificationPolicy` (``policy_from_env`` reads ``QAQPA_*``), create one
:class:`~signing.verify.Verifier` per process, share it.  ``signing.cli`` holds the click
groups (``certs``, ``signature``, ``document``).  The test PKI lives outside, in ``testkit.pki``.
"""

from signing.policy import ENV_VARIABLES, VerificationPolicy, policy_from_env
from signing.result import Code, Identity, Revocation, VerificationResult
from signing.revocation import InMemoryRevocationCache, RedisRevocationCache, RevocationCache
from signing.verify import Verifier

__all__ = [
    "ENV_VARIABLES",
    "Code",
    "Identity",
    "InMemoryRevocationCache",
    "RedisRevocationCache",
    "Revocation",
    "RevocationCache",
    "VerificationPolicy",
    "VerificationResult",
    "Verifier",
    "policy_from_env",
]
