"""Which signature algorithms we verify, which we call weak, and where plug-ins go.

Built in: RSA (PKCS#1 v1.5 and PSS), ECDSA on NIST P-256/384/521, Ed25519 and Ed448 --
whatever ``cryptography`` verifies.  Anything else (GOST 34.310/34.10, DSA, unknown OIDs) is
``unsupported_algorithm`` until an :class:`AlgorithmPlugin` that handles its OIDs is registered:
the plug-in is consulted for the certificate chain (through pyhanko-certvalidator's
``SignatureValidator`` hook), for CMS message digests and for CMS signatures alike.

Weak: MD2/MD5/SHA-1 digests anywhere, RSA keys below the policy minimum, EC curves below
256 bits.  SHA-1 inside OCSP CertIDs is not a signature and is not judged here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from asn1crypto import algos, keys, x509
from cryptography.exceptions import InvalidSignature
from pyhanko_certvalidator.sig_validate import (
    DEFAULT_VALIDATION_CONTEXT,
    DefaultSignatureValidator,
    SignatureValidationContext,
    SignatureValidator,
)

WEAK_DIGESTS = frozenset({"md2", "md5", "sha1"})
BUILTIN_KEY_ALGOS = frozenset({"rsa", "rsassa_pss", "ec", "ed25519", "ed448"})
BUILTIN_SIGNATURE_ALGOS = frozenset({"rsassa_pkcs1v15", "rsassa_pss", "ecdsa", "ed25519", "ed448"})
STRONG_CURVES = frozenset({"secp256r1", "secp384r1", "secp521r1"})
DIGESTS = frozenset({"sha224", "sha256", "sha384", "sha512", "sha3_256", "sha3_384", "sha3_512"})

# Friendly names for messages only.
KNOWN_FOREIGN = {
    "1.2.398.3.10.1.1.1.1": "GOST 34.310-2004 key",
    "1.2.398.3.10.1.1.1.2": "GOST 34.310-2004 signature",
    "1.2.398.3.10.1.3.1": "GOST 34.311-95 digest",
    "1.2.398.3.10.1.1.2.3.2": "GOST R 34.10-2015 signature",
    "1.2.398.3.10.1.1.2.2": "GOST R 34.10-2015 512-bit key",
    "1.2.398.3.10.1.1.2.1": "GOST R 34.10-2015 256-bit key",
    "1.2.398.3.10.1.3.3": "GOST R 34.11-2015 (Streebog-512) digest",
    "1.2.840.10040.4.1": "DSA",
}


class UnsupportedAlgorithmError(Exception):
    """No built-in verifier and no plug-in for this algorithm."""


@runtime_checkable
class AlgorithmPlugin(Protocol):
    """A verifier for algorithms ``cryptography`` lacks (e.g. GOST via a national library)."""

    def handles(self, oid: str) -> bool:
        """True for every public-key, signature or digest OID this plug-in implements."""
        ...

    def digest(self, digest_oid: str, data: bytes) -> bytes: ...

    def verify(self, spki_der: bytes, signature_oid: str, message: bytes, signature: bytes) -> bool:
        """Verify ``signature`` over ``message`` (the plug-in hashes as its algorithm says)."""
        ...


def describe(oid: str) -> str:
    return KNOWN_FOREIGN.get(oid, oid)


class AlgorithmRegistry:
    def __init__(self, plugins: Sequence[AlgorithmPlugin] = (), min_rsa_bits: int = 2048) -> None:
        self.plugins = tuple(plugins)
        self.min_rsa_bits = min_rsa_bits

    def plugin_for(self, oid: str) -> AlgorithmPlugin | None:
        for plugin in self.plugins:
            if plugin.handles(oid):
                return plugin
        return None

    # -- classification -------------------------------------------------------------------

    def key_problem(self, spki: keys.PublicKeyInfo) -> tuple[str, str] | None:
        """("unsupported"|"weak", message) for a public key, None when acceptable."""
        oid = spki["algorithm"]["algorithm"].dotted
        name = spki["algorithm"]["algorithm"].native
        if name not in BUILTIN_KEY_ALGOS:
            plugin = self.plugin_for(oid)
            if plugin is None:
                return "unsupported", f"public key algorithm {describe(oid)} is not supported"
            # A plug-in may know the OID but not these parameters (GOST curves it lacks).
            check = getattr(plugin, "key_problem", None)
            found = check(bytes(spki.dump())) if check is not None else None
            return ("unsupported", found) if found else None
        if name in ("rsa", "rsassa_pss") and spki.bit_size < self.min_rsa_bits:
            return "weak", f"RSA key of {spki.bit_size} bits (minimum {self.min_rsa_bits})"
        if name == "ec":
            curve = spki.curve[1]
            if curve not in STRONG_CURVES:
                return "weak", f"EC curve {curve} is not accepted"
        return None

    def signature_algorithm_problem(
        self, algorithm: algos.SignedDigestAlgorithm
    ) -> tuple[str, str] | None:
        oid = algorithm["algorithm"].dotted
        try:
            sig_name = algorithm.signature_algo
        except ValueError:
            sig_name = None
        if sig_name not in BUILTIN_SIGNATURE_ALGOS:
            if self.plugin_for(oid) is None:
                return "unsupported", f"signature algorithm {describe(oid)} is not supported"
            return None
        try:
            hash_name = algorithm.hash_algo
        except ValueError:
            hash_name = None
        if hash_name in WEAK_DIGESTS:
            return "weak", f"signature uses the weak digest {hash_name}"
        return None

    def digest_problem(self, digest_oid: str, digest_name: str) -> tuple[str, str] | None:
        if digest_name in WEAK_DIGESTS:
            return "weak", f"weak digest algorithm {digest_name}"
        if digest_name in DIGESTS or self.plugin_for(digest_oid) is not None:
            return None
        return "unsupported", f"digest algorithm {describe(digest_oid)} is not supported"

    def certificate_problem(self, cert: x509.Certificate) -> tuple[str, str] | None:
        """Problems with the certificate's own key or the algorithm its issuer signed with."""
        problems = [
            self.key_problem(cert.public_key),
            self.signature_algorithm_problem(cert["signature_algorithm"]),
        ]
        for wanted in ("unsupported", "weak"):
            for problem in problems:
                if problem is not None and problem[0] == wanted:
                    return problem
        return None

    # -- operations -------------------------------------------------------------------------

    def digest(self, digest_oid: str, digest_name: str, data: bytes) -> bytes:
        if digest_name in DIGESTS:
            return hashlib.new(digest_name.replace("_", "-"), data).digest()
        plugin = self.plugin_for(digest_oid)
        if plugin is None:
            raise UnsupportedAlgorithmError(describe(digest_oid))
        return plugin.digest(digest_oid, data)

    def validator(self) -> SignatureValidator:
        return _BridgeValidator(self)


class _BridgeValidator(SignatureValidator):
    """certvalidator hook: plug-ins first, built-ins otherwise, unknown => our exception."""

    def __init__(self, registry: AlgorithmRegistry) -> None:
        self._registry = registry
        self._default = DefaultSignatureValidator()

    def validate_signature(
        self,
        signature: bytes,
        signed_data: bytes,
        public_key_info: keys.PublicKeyInfo,
        signature_algorithm: algos.SignedDigestAlgorithm,
        context: SignatureValidationContext = DEFAULT_VALIDATION_CONTEXT,
    ) -> None:
        oid = signature_algorithm["algorithm"].dotted
        plugin = self._registry.plugin_for(oid)
        if plugin is not None:
            if not plugin.verify(public_key_info.dump(), oid, signed_data, signature):
                raise InvalidSignature()
            return
        problem = self._registry.signature_algorithm_problem(signature_algorithm)
        key_problem = self._registry.key_problem(public_key_info)
        for found in (problem, key_problem):
            if found is not None and found[0] == "unsupported":
                raise UnsupportedAlgorithmError(found[1])
        self._default.validate_signature(
            signature, signed_data, public_key_info, signature_algorithm, context
        )
