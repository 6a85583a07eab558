"""Input decoding: PEM, DER and bare base64 are all accepted wherever bytes come in.

Applicants' software (NCALayer and friends) often sends CMS as bare base64, operators paste PEM,
and files on disk are DER; guessing the encoding here keeps every caller from doing it.
Only the framing is handled: the ASN.1 itself is parsed by the caller.
"""

from __future__ import annotations

import base64
import binascii
import re

_PEM_BLOCK = re.compile(rb"-----BEGIN ([A-Z0-9 #]+)-----\s*(.*?)\s*-----END \1-----", re.DOTALL)
_B64_CHARS = re.compile(rb"^[A-Za-z0-9+/=\s]+$")


class DecodeError(ValueError):
    """The bytes are neither DER nor PEM nor base64 of DER."""


def _looks_like_der(data: bytes) -> bool:
    # Every structure we read (certificate, CRL, OCSP response, ContentInfo) is a SEQUENCE.
    return len(data) >= 2 and data[0] == 0x30


def decode_blocks(data: bytes) -> list[bytes]:
    """Return the DER blocks in ``data`` (several for a PEM bundle, one otherwise)."""
    stripped = data.strip()
    if stripped.startswith(b"-----BEGIN"):
        blocks = []
        for match in _PEM_BLOCK.finditer(stripped):
            try:
                blocks.append(base64.b64decode(re.sub(rb"\s+", b"", match.group(2)), validate=True))
            except (binascii.Error, ValueError) as exc:
                raise DecodeError("invalid base64 inside PEM") from exc
        if not blocks:
            raise DecodeError("PEM header without a complete block")
        return blocks
    # Base64 of a DER SEQUENCE always starts with "M", never with the byte 0x30.
    if _looks_like_der(data):
        return [data]
    if stripped and _B64_CHARS.match(stripped):
        try:
            decoded = base64.b64decode(re.sub(rb"\s+", b"", stripped), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise DecodeError("neither DER, PEM nor base64") from exc
        if _looks_like_der(decoded):
            return [decoded]
    raise DecodeError("neither DER, PEM nor base64")


def decode_one(data: bytes) -> bytes:
    """Return the single DER structure in ``data`` (the first block of a PEM bundle)."""
    return decode_blocks(data)[0]
