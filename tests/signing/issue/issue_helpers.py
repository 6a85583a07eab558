"""Helpers shared by the document-issuing tests."""

from __future__ import annotations

import re

from asn1crypto import cms


def tamper(data: bytes, marker: bytes = b"permit S8") -> bytes:
    """A copy with one byte changed inside the first signed range (the page content)."""
    index = data.index(marker)
    changed = bytearray(data)
    changed[index] = ord("P") if changed[index] != ord("P") else ord("Q")
    return bytes(changed)


def byte_range_and_cms(data: bytes) -> tuple[bytes, bytes]:
    """(signed bytes, DER CMS) of the first signature: what an outside verifier checks."""
    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    assert match is not None, "no /ByteRange"
    start1, len1, start2, len2 = (int(group) for group in match.groups())
    signed = data[start1 : start1 + len1] + data[start2 : start2 + len2]
    contents = data[start1 + len1 : start2].strip(b"<> \n\r")
    der = bytes.fromhex(contents.decode("ascii"))
    # Trim the zero padding after the DER structure.
    length = len(cms.ContentInfo.load(der, strict=False).dump())
    return signed, der[:length]
