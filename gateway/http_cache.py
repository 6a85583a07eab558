"""Conditional requests: ``If-None-Match`` against an entity tag (RFC 9110 section 13.1.2).

``If-None-Match`` uses the *weak* comparison: ``W/"x"`` and ``"x"`` match, and a header may
list several tags or be ``*``. A client or a proxy that weakened the tag (a compressing proxy
does) still gets its 304.
"""

from __future__ import annotations


def _opaque(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag[:2] in ("W/", "w/") else tag


def none_match(header: str | None, etag: str) -> bool:
    """Whether ``If-None-Match: header`` matches ``etag`` (so the answer is 304)."""
    if not header:
        return False
    if header.strip() == "*":
        return True
    current = _opaque(etag)
    return any(_opaque(tag) == current for tag in header.split(","))
