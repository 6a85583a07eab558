"""Signed submissions made with the local test PKI's keys (real CMS and XMLDSig)."""

from __future__ import annotations

import base64
import json
from typing import Any
from xml.sax.saxutils import escape

from asn1crypto import x509

from registry.domains import example_application
from testkit.pki.config import LEAF_KEYS
from testkit.pki.keys import load_private_key
from testkit.pki.server import BuiltPki
from testkit.pki.sign import sign_cms, sign_xml

INDIVIDUAL_IIN = "871008401427"  # the test PKI's individual (labels individual-*)
HEAD_IIN = "760212350620"  # the legal entity's first head (labels legal-*)
LEGAL_BIN = "940140000385"


def document_for(service: str = "declarant-certificate", **applicant: str) -> bytes:
    """An example application document as the exact bytes an applicant signs."""
    if not applicant:
        applicant = {"iin": INDIVIDUAL_IIN}
    return json.dumps(example_application(service, **applicant), ensure_ascii=False).encode()


def _cert(pki: BuiltPki, label: str) -> x509.Certificate:
    return x509.Certificate.load(pki.cert_der(label))


def detached(pki: BuiltPki, label: str, document: bytes, **options: Any) -> dict[str, str]:
    key = load_private_key(pki.directory, LEAF_KEYS[label])
    signature = sign_cms(document, _cert(pki, label), key, detached=True, **options)
    return {
        "document": base64.b64encode(document).decode(),
        "signature": base64.b64encode(signature).decode(),
    }


def attached(pki: BuiltPki, label: str, document: bytes) -> dict[str, str]:
    key = load_private_key(pki.directory, LEAF_KEYS[label])
    cms = sign_cms(document, _cert(pki, label), key, detached=False)
    return {"cms": base64.b64encode(cms).decode()}


def xml_signed(pki: BuiltPki, label: str, document: bytes, *, inside: str = "") -> dict[str, str]:
    """``inside``: raw XML the signer puts in ``<document>`` after the application's text."""
    key = load_private_key(pki.directory, LEAF_KEYS[label])
    xml = (
        '<application xmlns="urn:qaqpa:application:1"><document>'
        + escape(document.decode())
        + inside
        + "</document></application>"
    ).encode()
    signed = sign_xml(xml, pki.cert_path(label).read_bytes(), key)
    return {"xml": signed.decode()}
