"""A minimal DER reader for the hot path of CMS verification.

asn1crypto is thorough but builds an object per element; on the warm path we need a handful of
byte ranges out of a SignedData, so this walks tag-length-value headers over the original
buffer without copying.  It accepts only definite-length DER with low tag numbers; anything
else raises :class:`DerError` and the caller falls back to asn1crypto, which also reads BER.
"""

from __future__ import annotations

from datetime import UTC, datetime


class DerError(ValueError):
    pass


def tlv(buf: bytes, pos: int, end: int) -> tuple[int, int, int]:
    """(tag, value_start, value_end) of the element at ``pos``, bounded by ``end``."""
    if pos + 2 > end:
        raise DerError("truncated")
    tag = buf[pos]
    if tag & 0x1F == 0x1F:
        raise DerError("high tag number")
    length = buf[pos + 1]
    pos += 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4 or pos + count > end:
            raise DerError("unsupported length")
        length = int.from_bytes(buf[pos : pos + count], "big")
        pos += count
    stop = pos + length
    if stop > end:
        raise DerError("element overruns its container")
    return tag, pos, stop


def children(buf: bytes, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """(tag, header_start, value_start, value_end) of each element in ``buf[start:end]``."""
    found = []
    pos = start
    while pos < end:
        tag, value_start, value_end = tlv(buf, pos, end)
        found.append((tag, pos, value_start, value_end))
        pos = value_end
    return found


_OIDS: dict[bytes, str] = {}


def oid_dotted(value: bytes) -> str:
    found = _OIDS.get(value)
    if found is None:
        found = _oid_dotted(value)
        if len(_OIDS) < 1024:
            _OIDS[value] = found
    return found


def _oid_dotted(value: bytes) -> str:
    if not value:
        raise DerError("empty OID")
    parts: list[int] = []
    current = 0
    for byte in value:
        current = (current << 7) | (byte & 0x7F)
        if not byte & 0x80:
            parts.append(current)
            current = 0
    first = parts[0]
    head = [0, first] if first < 40 else [1, first - 40] if first < 80 else [2, first - 80]
    return ".".join(str(p) for p in head + parts[1:])


def parse_time(tag: int, value: bytes) -> datetime:
    """UTCTime (0x17) or GeneralizedTime (0x18) in the DER "Z" form."""
    text = value.decode("ascii")
    if not text.endswith("Z"):
        raise DerError("time without Z")
    if tag == 0x17:
        year = int(text[0:2])
        year += 2000 if year < 50 else 1900
        rest = text[2:-1]
    elif tag == 0x18:
        year = int(text[0:4])
        rest = text[4:-1].split(".")[0]
    else:
        raise DerError("not a time")
    if len(rest) != 10:
        raise DerError("time without seconds")
    return datetime(
        year,
        int(rest[0:2]),
        int(rest[2:4]),
        int(rest[4:6]),
        int(rest[6:8]),
        int(rest[8:10]),
        tzinfo=UTC,
    )
