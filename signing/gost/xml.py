"""XMLDSig with NCA's GOST URIs, verified here because signxml knows no GOST.

Only what NCALayer produces is accepted: one ``ds:Reference`` to the whole document
(``URI=""``) or to an element by ``#id``, transforms limited to enveloped-signature and
C14N (inclusive or exclusive, with or without comments), the digest URI that belongs to the
signature URI, and a key of the same GOST family.  The SignatureValue is read in the CMS
byte order (r‖s, little-endian halves) -- *as in CMS, unconfirmed for XML*: no XML signed
by NCA's own tools was at hand, so the test documents come from our test signer.  What was
verified is returned as a fresh tree parsed from the canonical bytes that were digested, as
for the signxml route (:func:`signing.xmldsig.verified_signature`).
"""

from __future__ import annotations

import base64
import binascii
import copy

from lxml import etree

from signing.gost import hashes
from signing.gost.keys import UnsupportedKeyError, algorithm_for_signature, parse_spki
from signing.gost.params import XML_DIGEST_URIS, XML_SIGNATURE_URIS, KeyAlgorithm
from signing.gost.plugin import GostPlugin
from signing.result import Code

DS = "http://www.w3.org/2000/09/xmldsig#"
NS = {"ds": DS}
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
# URI -> (exclusive, with_comments)
C14N = {
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315": (False, False),
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments": (False, True),
    "http://www.w3.org/2001/10/xml-exc-c14n#": (True, False),
    "http://www.w3.org/2001/10/xml-exc-c14n#WithComments": (True, True),
}
Findings = list[tuple[Code, str]]


class _RefusedError(Exception):
    def __init__(self, code: Code, message: str) -> None:
        super().__init__(message)
        self.code = code


def is_gost_uri(uri: str) -> bool:
    return uri in XML_SIGNATURE_URIS


def supported(uri: str, unconfirmed: bool = False) -> bool:
    """A GOST signature URI we verify (the 256-bit one only under its flag)."""
    algorithm = XML_SIGNATURE_URIS.get(uri)
    return (
        algorithm is not None
        and algorithm_for_signature(algorithm.signature_oid, unconfirmed) is not None
    )


def _c14n(element: etree._Element, uri: str) -> bytes:
    exclusive, comments = C14N[uri]
    return bytes(
        etree.tostring(element, method="c14n", exclusive=exclusive, with_comments=comments)
    )


def _b64(text: str | None, what: str) -> bytes:
    try:
        return base64.b64decode("".join((text or "").split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _RefusedError(Code.MALFORMED, f"{what} is not base64") from exc


def _referenced(root: etree._Element, signature: etree._Element, uri: str) -> etree._Element:
    """A copy of the referenced element with the signature removed (enveloped)."""
    document = copy.deepcopy(root)
    if uri == "":
        target = document
    elif uri.startswith("#") and len(uri) > 1:
        wanted = uri[1:]
        found = [e for e in document.iter() if wanted in (e.get("Id"), e.get("ID"), e.get("id"))]
        if len(found) != 1:
            raise _RefusedError(Code.MALFORMED, f"reference {uri} names {len(found)} elements")
        target = found[0]
    else:
        raise _RefusedError(Code.MALFORMED, f"reference URI {uri!r} is not accepted")
    index = list(root.iter()).index(signature)
    copied_signature = list(document.iter())[index]
    parent = copied_signature.getparent()
    if parent is not None:
        parent.remove(copied_signature)
    return target


def _digest_reference(
    root: etree._Element, signature: etree._Element, reference: etree._Element, hash_name: str
) -> bytes:
    uri = reference.get("URI")
    if uri is None:
        raise _RefusedError(Code.MALFORMED, "ds:Reference without URI")
    c14n_uri = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
    enveloped = False
    for transform in reference.findall("ds:Transforms/ds:Transform", NS):
        algorithm = str(transform.get("Algorithm"))
        if algorithm == ENVELOPED:
            enveloped = True
        elif algorithm in C14N:
            c14n_uri = algorithm
        else:
            raise _RefusedError(
                Code.UNSUPPORTED_ALGORITHM, f"XML transform {algorithm} is not supported"
            )
    if not enveloped:
        raise _RefusedError(Code.MALFORMED, "the reference lacks the enveloped-signature transform")
    target = _referenced(root, signature, uri)
    canonical = _c14n(target, c14n_uri)
    return hashes.digest(hash_name, canonical)  # type: ignore[arg-type]


def verify(
    root: etree._Element,
    signer_cert_spki: bytes,
    parser: etree.XMLParser,
    unconfirmed: bool = False,
) -> tuple[Findings, etree._Element | None]:
    """Check the one GOST ds:Signature under ``root`` with the certificate's key."""
    try:
        return _verify(root, signer_cert_spki, parser, GostPlugin(unconfirmed=unconfirmed))
    except _RefusedError as exc:
        return [(exc.code, str(exc))], None


def _verify(
    root: etree._Element, spki: bytes, parser: etree.XMLParser, plugin: GostPlugin
) -> tuple[Findings, etree._Element | None]:
    signature = root.find(".//ds:Signature", NS)
    if signature is None:
        raise _RefusedError(Code.MALFORMED, "no ds:Signature")
    signed_info, c14n_uri, algorithm = _signed_info(signature, spki, plugin)
    reference = _reference(signed_info, algorithm)
    expected = _b64(reference.findtext("ds:DigestValue", namespaces=NS), "DigestValue")
    if _digest_reference(root, signature, reference, algorithm.hash_name) != expected:
        return [(Code.SIGNATURE_INVALID, "XML signature invalid: digest mismatch")], None
    value = _b64(signature.findtext("ds:SignatureValue", namespaces=NS), "SignatureValue")
    signed_digest = hashes.digest(algorithm.hash_name, _c14n(signed_info, c14n_uri))
    if not plugin.verify_digest(spki, signed_digest, value):
        return [(Code.SIGNATURE_INVALID, "XML signature invalid: signature value")], None
    target = _referenced(root, signature, str(reference.get("URI")))
    canonical = _c14n(target, "http://www.w3.org/TR/2001/REC-xml-c14n-20010315")
    return [], etree.fromstring(canonical, parser=parser)


def _signed_info(
    signature: etree._Element, spki: bytes, plugin: GostPlugin
) -> tuple[etree._Element, str, KeyAlgorithm]:
    """ds:SignedInfo, its canonicalization and the GOST algorithm it names, which must fit
    the certificate's key."""
    signed_info = signature.find("ds:SignedInfo", NS)
    method = signature.find("ds:SignedInfo/ds:SignatureMethod", NS)
    c14n = signature.find("ds:SignedInfo/ds:CanonicalizationMethod", NS)
    if signed_info is None or method is None or c14n is None:
        raise _RefusedError(Code.MALFORMED, "incomplete ds:SignedInfo")
    method_uri = str(method.get("Algorithm"))
    c14n_uri = str(c14n.get("Algorithm"))
    if not supported(method_uri, plugin.unconfirmed):
        raise _RefusedError(Code.UNSUPPORTED_ALGORITHM, f"XML signature method {method_uri}")
    if c14n_uri not in C14N:
        raise _RefusedError(Code.UNSUPPORTED_ALGORITHM, f"canonicalization {c14n_uri}")
    algorithm = XML_SIGNATURE_URIS[method_uri]
    try:
        key = parse_spki(spki, plugin.unconfirmed)
    except UnsupportedKeyError as exc:
        raise _RefusedError(Code.UNSUPPORTED_ALGORITHM, str(exc)) from exc
    if key.algorithm is not algorithm:
        raise _RefusedError(Code.SIGNATURE_INVALID, "the signature method does not fit the key")
    return signed_info, c14n_uri, algorithm


def _reference(signed_info: etree._Element, algorithm: KeyAlgorithm) -> etree._Element:
    """The one ds:Reference, digested with the hash of the signature's algorithm."""
    references = signed_info.findall("ds:Reference", NS)
    if len(references) != 1:
        raise _RefusedError(Code.MALFORMED, f"expected one ds:Reference, found {len(references)}")
    reference = references[0]
    digest_method = reference.find("ds:DigestMethod", NS)
    digest_uri = str(digest_method.get("Algorithm")) if digest_method is not None else ""
    if XML_DIGEST_URIS.get(digest_uri) != algorithm.hash_name:
        raise _RefusedError(Code.UNSUPPORTED_ALGORITHM, f"XML digest method {digest_uri!r}")
    return reference
