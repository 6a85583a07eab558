"""XML names and algorithm URIs shared by the XAdES signer and verifier.

XAdES 1.3.2 (ETSI EN 319 132-1) elements live in ``http://uri.etsi.org/01903/v1.3.2#``;
XMLDSig ones in ``http://www.w3.org/2000/09/xmldsig#``.  Exclusive canonicalisation is used
for everything we produce (SignedInfo, the SignedProperties/KeyInfo references and the
SignatureValue under the signature timestamp) so that the namespaces of the surrounding
document never leak into what is digested: a signature stays valid when the document is
re-serialised by another tool.
"""

from __future__ import annotations

from signxml.algorithms import CanonicalizationMethod

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
NS = {"ds": DS, "xades": XADES}

EXC_C14N = CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0
# XAdES: a SignatureTimeStamp without ds:CanonicalizationMethod means Canonical XML 1.0.
DEFAULT_TIMESTAMP_C14N = CanonicalizationMethod.CANONICAL_XML_1_0.value
SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties"
ENVELOPED_TRANSFORM = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"


def ds(name: str) -> str:
    """Clark notation of an XMLDSig element name."""
    return f"{{{DS}}}{name}"


def xades(name: str) -> str:
    """Clark notation of a XAdES element name."""
    return f"{{{XADES}}}{name}"
