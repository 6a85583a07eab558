"""The wire format of a submission: how the signed application arrives.

Three shapes, exactly one per request:

* ``{"document": b64, "signature": b64}`` — the application JSON bytes and a detached CMS
  SignedData (DER) over exactly those bytes;
* ``{"cms": b64}`` — an attached CMS SignedData whose content is the application JSON;
* ``{"xml": "..."}`` — an XML document with an enveloped XMLDSig whose root element is
  ``<application xmlns="urn:qaqpa:application:1">`` holding the application JSON as the text
  of its ``<document>`` child (only signed content is ever read).
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Literal

import msgspec

SignatureFormat = Literal["cms-detached", "cms-attached", "xmldsig"]

Base64 = Annotated[str, msgspec.Meta(description="Standard base64 (RFC 4648 §4).")]


class SubmissionRequest(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """``POST /v1/applications`` body; see the module docstring for the three shapes."""

    document: Base64 | None = None
    signature: Base64 | None = None
    cms: Base64 | None = None
    xml: str | None = None


class SubmissionShapeError(ValueError):
    """The body does not hold exactly one of the three shapes; ``pointer`` says where."""

    def __init__(self, pointer: str, message: str) -> None:
        super().__init__(message)
        self.pointer = pointer
        self.message = message


class SignedSubmission(msgspec.Struct, frozen=True):
    """The decoded parts of a submission, before any cryptography."""

    format: SignatureFormat
    # detached: the document; attached: the CMS DER; xmldsig: the XML bytes.
    signed_data: bytes
    signature: bytes | None = None
    # Only for the detached form, where the document is readable before verification.
    document: bytes | None = None


def _b64(value: str, pointer: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SubmissionShapeError(pointer, "not valid base64") from exc


def signed_submission(request: SubmissionRequest) -> SignedSubmission:
    """Check the shape and decode base64; raise :class:`SubmissionShapeError` otherwise."""
    shapes = [
        name
        for name, present in (
            ("document", request.document is not None or request.signature is not None),
            ("cms", request.cms is not None),
            ("xml", request.xml is not None),
        )
        if present
    ]
    if len(shapes) != 1:
        raise SubmissionShapeError("", "send exactly one of: document + signature, cms, xml")
    if request.cms is not None:
        return SignedSubmission("cms-attached", _b64(request.cms, "/cms"))
    if request.xml is not None:
        return SignedSubmission("xmldsig", request.xml.encode())
    if request.document is None or request.signature is None:
        missing = "/signature" if request.signature is None else "/document"
        raise SubmissionShapeError(missing, "document and signature go together")
    document = _b64(request.document, "/document")
    return SignedSubmission(
        "cms-detached", document, _b64(request.signature, "/signature"), document
    )
