"""The checks on a parsed CMS signature: its algorithms, its signed attributes, its value.

:func:`signature_findings` runs on every warm verification: keep its calls and allocations as
they are.
"""

from __future__ import annotations

import hashlib
from typing import Any

from asn1crypto import algos
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa

from signing.algorithms import AlgorithmRegistry, UnsupportedAlgorithmError
from signing.cms.parsed import ID_DATA, SIGNED_DIGEST_ALGORITHMS, ParsedCms
from signing.result import Code

HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
    "sha3_256": hashes.SHA3_256,
    "sha3_384": hashes.SHA3_384,
    "sha3_512": hashes.SHA3_512,
}


def algorithm_findings(parsed: ParsedCms, registry: AlgorithmRegistry) -> list[tuple[Code, str]]:
    findings: list[tuple[Code, str]] = []
    for problem in (
        registry.digest_problem(parsed.digest_oid, parsed.digest_name),
        registry.signature_algorithm_problem(parsed.signature_algorithm),
    ):
        if problem is not None:
            code = (
                Code.UNSUPPORTED_ALGORITHM if problem[0] == "unsupported" else Code.WEAK_ALGORITHM
            )
            findings.append((code, problem[1]))
    return findings


_HASH_FOR: dict[tuple[bytes, str], type[hashes.HashAlgorithm] | None] = {}


def _hash_for(parsed: ParsedCms) -> type[hashes.HashAlgorithm] | None:
    """The hash the signature algorithm implies (rsaEncryption: the digestAlgorithm); None
    for a hash ``cryptography`` lacks (a plug-in's algorithm hashes by itself)."""
    key = (parsed.signature_algorithm_der, parsed.digest_name)
    found = _HASH_FOR.get(key)
    if found is None:
        try:
            name = parsed.signature_algorithm.hash_algo
        except ValueError:
            name = parsed.digest_name
        found = HASHES.get(name)
        if len(_HASH_FOR) < 256:
            _HASH_FOR[key] = found
    return found


_NAMES: dict[int, tuple[str, str | None]] = {}


def _algorithm_names(algorithm: algos.SignedDigestAlgorithm) -> tuple[str, str | None]:
    # Keyed by id(): the objects come from the bounded memo in signed_digest_algorithm.
    found = _NAMES.get(id(algorithm))
    if found is None:
        try:
            sig_name: str | None = algorithm.signature_algo
        except ValueError:
            sig_name = None
        found = (algorithm["algorithm"].dotted, sig_name)
        if algorithm is SIGNED_DIGEST_ALGORITHMS.get(bytes(algorithm.dump())):
            _NAMES[id(algorithm)] = found
    return found


def verify_raw(
    public_key: Any,
    spki_der: bytes,
    algorithm: algos.SignedDigestAlgorithm,
    hash_cls: type[hashes.HashAlgorithm] | None,
    message: bytes,
    signature: bytes,
    registry: AlgorithmRegistry,
) -> bool:
    oid, sig_name = _algorithm_names(algorithm)
    plugin = registry.plugin_for(oid) if registry.plugins else None
    if plugin is not None:
        return plugin.verify(spki_der, oid, message, signature)
    if hash_cls is None:
        raise UnsupportedAlgorithmError(f"no hash for signature algorithm {oid}")
    try:
        if isinstance(public_key, rsa.RSAPublicKey):
            if sig_name == "rsassa_pss":
                params = algorithm["parameters"]
                mgf_hash = HASHES[params["mask_gen_algorithm"]["parameters"]["algorithm"].native]
                pss = padding.PSS(
                    mgf=padding.MGF1(mgf_hash()), salt_length=params["salt_length"].native
                )
                public_key.verify(
                    signature, message, pss, HASHES[params["hash_algorithm"]["algorithm"].native]()
                )
            else:
                public_key.verify(signature, message, padding.PKCS1v15(), hash_cls())
        elif isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(signature, message, ec.ECDSA(hash_cls()))
        elif isinstance(public_key, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey):
            public_key.verify(signature, message)
        else:
            raise UnsupportedAlgorithmError(f"no verifier for {type(public_key).__name__}")
    except InvalidSignature:
        return False
    return True


class _RejectedAttributesError(Exception):
    """A finding on the signed attributes; ends the check before the signature value."""

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(message)
        self.finding = (code, message)


def signature_findings(
    parsed: ParsedCms,
    content: bytes | None,
    public_key: Any,
    spki_der: bytes,
    registry: AlgorithmRegistry,
) -> list[tuple[Code, str]]:
    """Check digest, attributes and the signature itself; [] when all is well."""
    if content is None:
        return [(Code.MALFORMED, "no signed content: neither attached nor supplied")]
    if parsed.content is not None and parsed.content != content:
        return [(Code.SIGNATURE_INVALID, "supplied document differs from the attached content")]
    try:
        message = _signed_message(parsed, content, registry)
        ok = verify_raw(
            public_key,
            spki_der,
            parsed.signature_algorithm,
            _hash_for(parsed),
            message,
            parsed.signature,
            registry,
        )
    except _RejectedAttributesError as exc:
        return [exc.finding]
    except UnsupportedAlgorithmError as exc:
        return [(Code.UNSUPPORTED_ALGORITHM, str(exc))]
    except (ValueError, KeyError, TypeError) as exc:
        return [(Code.MALFORMED, f"signature could not be processed: {exc}")]
    if not ok:
        return [
            (Code.SIGNATURE_INVALID, "the signature does not verify with the certificate's key")
        ]
    return []


def _signed_message(parsed: ParsedCms, content: bytes, registry: AlgorithmRegistry) -> bytes:
    """What the signature covers: the content itself, or the signed attributes once they are
    found to bind this content and this certificate (raises when they do not)."""
    if parsed.signed_attrs is None:
        if parsed.econtent_type != ID_DATA:
            raise _RejectedAttributesError(
                Code.MALFORMED, "signed attributes are required for this content type"
            )
        return content
    if parsed.content_type_attr != parsed.econtent_type:
        raise _RejectedAttributesError(Code.SIGNATURE_INVALID, "content-type attribute mismatch")
    digest = registry.digest(parsed.digest_oid, parsed.digest_name, content)
    if digest != parsed.message_digest:
        raise _RejectedAttributesError(
            Code.SIGNATURE_INVALID, "message digest does not match the document"
        )
    for hash_name, cert_hash, issuer_serial in parsed.ess_cert_ids[:1]:
        # A name from DIGEST_NAMES is a hashlib one; anything else is an OID that a
        # plug-in may know (GOST signers bind the certificate with their own hash).
        if hash_name in HASHES:
            actual = hashlib.new(hash_name, parsed.signer_cert_der).digest()
        else:
            actual = registry.digest(hash_name, hash_name, parsed.signer_cert_der)
        if actual != cert_hash:
            raise _RejectedAttributesError(
                Code.SIGNATURE_INVALID, "signing-certificate attribute names another certificate"
            )
        if issuer_serial is not None and issuer_serial != parsed.signer_serial_der():
            raise _RejectedAttributesError(
                Code.SIGNATURE_INVALID, "signing-certificate serial mismatch"
            )
    return parsed.signed_attrs
