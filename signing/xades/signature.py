"""The cryptographic check of the signature itself: references, SignedProperties, the value.

signxml's ``XAdESVerifier`` does the work on the tree our safe parser built (it never sees
raw bytes), told to use exactly the certificate from ``ds:KeyInfo`` -- whose trust is judged
elsewhere -- and it also checks that ``xades:SigningCertificateV2`` names that certificate.
What failed decides the ETSI sub-indication: a reference digest that no longer matches means
the signed content (document or signed properties) changed after signing (HASH_FAILURE);
a ``ds:SignatureValue`` that does not verify is SIG_CRYPTO_FAILURE; a structure signxml
refuses is FORMAT_FAILURE.  A plain XMLDSig signature (no XAdES properties) is checked the
way :mod:`signing.xmldsig` checks applicants' signatures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography import x509 as cx509
from signxml.exceptions import InvalidCertificate, InvalidDigest, InvalidInput, InvalidSignature
from signxml.xades.xades import XAdESSignatureConfiguration, XAdESVerifier

from signing import xmldsig
from signing.result import Code
from signing.xades.names import ENVELOPED_TRANSFORM, NS, SIGNED_PROPERTIES_TYPE


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    sub_indication: str | None  # None: the signature verifies
    problem: str | None
    coverage: str
    modified: bool


def coverage_of(parsed: xmldsig.ParsedXml) -> str:
    """ "document" when a reference covers the whole document (URI="" + enveloped transform)."""
    signature = parsed.root.find(".//ds:Signature", NS)
    assert signature is not None
    for reference in signature.iterfind("ds:SignedInfo/ds:Reference", NS):
        if reference.get("Type") == SIGNED_PROPERTIES_TYPE or reference.get("URI") != "":
            continue
        transforms = {
            t.get("Algorithm") for t in reference.iterfind("ds:Transforms/ds:Transform", NS)
        }
        if ENVELOPED_TRANSFORM in transforms:
            return "document"
    return "partial"


def is_xades(parsed: xmldsig.ParsedXml) -> bool:
    return parsed.root.find(".//ds:Signature/ds:Object/xades:QualifyingProperties", NS) is not None


def has_signed_properties(parsed: xmldsig.ParsedXml) -> bool:
    """Whether the signer signed XAdES properties. An XMLDSig made in NCALayer (``signXml``)
    and extended by us with a timestamp (:meth:`signing.xades.XadesSigner.extend`) carries
    unsigned properties only: its signature is checked as plain XMLDSig."""
    path = ".//ds:Signature/ds:Object/xades:QualifyingProperties/xades:SignedProperties"
    return parsed.root.find(path, NS) is not None


def check_signature(parsed: xmldsig.ParsedXml, moment: datetime) -> SignatureCheck:
    """Verify references and the signature value with the KeyInfo certificate at ``moment``."""
    coverage = coverage_of(parsed)
    if not has_signed_properties(parsed):
        findings = xmldsig.signature_findings(parsed, moment)
        if not findings:
            return SignatureCheck(None, None, coverage, False)
        code, message = findings[0]
        hashed = "digest" in message.lower()
        if code is Code.MALFORMED:
            return SignatureCheck("FORMAT_FAILURE", message, coverage, False)
        return SignatureCheck(
            "HASH_FAILURE" if hashed else "SIG_CRYPTO_FAILURE", message, coverage, hashed
        )
    try:
        cert = cx509.load_der_x509_certificate(parsed.signer_cert_der)
        XAdESVerifier().verify(
            parsed.root,
            x509_cert=cert,
            parser=xmldsig.safe_parser(),
            expect_config=XAdESSignatureConfiguration(
                require_x509=True,
                location=".//",
                expect_references=True,
                verification_time=moment,
                ignore_ambiguous_key_info=True,
            ),
        )
    except InvalidDigest as exc:
        if "reference" not in str(exc):
            # SigningCertificateV2 names another certificate than the one in KeyInfo.
            return SignatureCheck(
                "NO_SIGNING_CERTIFICATE_FOUND", f"signing certificate: {exc}", coverage, False
            )
        return SignatureCheck("HASH_FAILURE", f"signed content changed: {exc}", coverage, True)
    except (InvalidSignature, InvalidCertificate) as exc:
        return SignatureCheck("SIG_CRYPTO_FAILURE", f"signature invalid: {exc}", coverage, False)
    except InvalidInput as exc:
        return SignatureCheck("FORMAT_FAILURE", f"signature structure: {exc}", coverage, False)
    except (ValueError, TypeError) as exc:
        return SignatureCheck("FORMAT_FAILURE", f"signature unreadable: {exc}", coverage, False)
    return SignatureCheck(None, None, coverage, False)
