"""Canonicalisation of one element by algorithm URI (for the signature timestamp imprint).

lxml implements Canonical XML 1.0 and Exclusive XML Canonicalisation 1.0; Canonical XML 1.1
differs from 1.0 only in how inherited ``xml:*`` attributes are treated, which cannot occur on
a ``ds:SignatureValue``, so it is served by the 1.0 code path (as signxml itself does).
"""

from __future__ import annotations

from lxml import etree

_KNOWN: dict[str, tuple[bool, bool]] = {
    # URI -> (exclusive, with_comments)
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315": (False, False),
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments": (False, True),
    "http://www.w3.org/2006/12/xml-c14n11": (False, False),
    "http://www.w3.org/2006/12/xml-c14n11#WithComments": (False, True),
    "http://www.w3.org/2001/10/xml-exc-c14n#": (True, False),
    "http://www.w3.org/2001/10/xml-exc-c14n#WithComments": (True, True),
}


class UnknownCanonicalizationError(ValueError):
    """The algorithm URI names no canonicalisation we implement."""


def canonicalize(element: etree._Element, algorithm: str) -> bytes:
    """The canonical form of ``element`` (and its subtree) under ``algorithm``."""
    try:
        exclusive, with_comments = _KNOWN[algorithm]
    except KeyError:
        raise UnknownCanonicalizationError(f"unsupported canonicalisation {algorithm}") from None
    return bytes(
        etree.tostring(element, method="c14n", exclusive=exclusive, with_comments=with_comments)
    )
