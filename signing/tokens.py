"""RFC 3161 time-stamp tokens, read and checked: what a signature's timestamp proves.

Shared by the XAdES verifier (``xades:SignatureTimeStamp``) and the CMS verifier (the
``id-aa-signatureTimeStampToken`` unsigned attribute).  :func:`token_problem` checks what
the token itself can show -- an accepted imprint hash, the imprint equal to the digest of
what was time-stamped, a TSA certificate for time stamping, the token's own CMS signature;
the caller then judges the TSA's certificate against its trust anchors at the genTime.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import cms, tsp, x509
from cryptography.hazmat.primitives.serialization import load_der_public_key

from signing.algorithms import AlgorithmRegistry
from signing.cms.check import HASHES, algorithm_findings, signature_findings
from signing.cms.parse import parse_cms
from signing.cms.parsed import CmsError, ParsedCms

TST_INFO_OID = "1.2.840.113549.1.9.16.1.4"
TIME_STAMPING = "time_stamping"


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """What a token says, read without judging its signature."""

    gen_time: datetime
    hash_name: str
    hashed_message: bytes
    cms: ParsedCms


def read_token(der: bytes) -> TokenInfo:
    """Parse a token; raises ``ValueError`` when it is not a time-stamp token."""
    try:
        parsed = parse_cms(der)
    except CmsError as exc:
        raise ValueError(exc.message) from exc
    if parsed.econtent_type != TST_INFO_OID or parsed.content is None:
        raise ValueError("the CMS does not encapsulate a TSTInfo")
    info = tsp.TSTInfo.load(parsed.content)
    imprint = info["message_imprint"]
    gen_time: datetime = info["gen_time"].native
    return TokenInfo(
        gen_time=gen_time,
        hash_name=str(imprint["hash_algorithm"]["algorithm"].native),
        hashed_message=bytes(imprint["hashed_message"].native),
        cms=parsed,
    )


def token_certificates(der: bytes) -> list[bytes]:
    """Every certificate carried in a token (the TSA's and any chain it sent)."""
    info = cms.ContentInfo.load(der)
    certs = info["content"]["certificates"] or []
    return [bytes(c.chosen.dump()) for c in certs if c.name == "certificate"]


def token_problem(
    info: TokenInfo, stamped: bytes, registry: AlgorithmRegistry, stamped_name: str
) -> str | None:
    """Why the token does not hold for ``stamped`` (the bytes time-stamped, called
    ``stamped_name`` in the answer), None if it does as far as the token alone can tell (its
    TSA's certificate is the caller's to judge)."""
    if info.hash_name not in HASHES or info.hash_name == "sha1":
        return f"imprint hash {info.hash_name} is not accepted"
    if hashlib.new(info.hash_name, stamped).digest() != info.hashed_message:
        return f"its imprint does not match {stamped_name}"
    tsa = x509.Certificate.load(info.cms.signer_cert_der)
    eku = tsa.extended_key_usage_value
    if eku is None or TIME_STAMPING not in eku.native:
        return "the TSA certificate is not for time stamping"
    findings = algorithm_findings(info.cms, registry)
    if not findings:
        spki = bytes(tsa.public_key.dump())
        # A plug-in's key (GOST) is read by the plug-in; cryptography cannot load it.
        plugged = registry.plugin_for(tsa.public_key["algorithm"]["algorithm"].dotted)
        public_key = None if plugged is not None else load_der_public_key(spki)
        findings = signature_findings(info.cms, info.cms.content, public_key, spki, registry)
    return findings[0][1] if findings else None
