"""XAdES for issued XML documents: signing at B-B/B-T/B-LT and verifying any signed XML.

signxml stops at XAdES B-B; this package adds the signature timestamp (B-T) and the
long-term validation values (B-LT) on top of it, and a verifier that reports in the shape
of :mod:`signing.report` (the same report the PAdES side gives for PDFs).

* :func:`sign_xades` / :class:`XadesSigner` -- enveloped signature over the whole document
  (``URI=""``, no Id attribute needed), the chain in ``ds:KeyInfo``;
* :func:`verify_xml` -- validity, achieved level, signer identity, signing and timestamp
  times, revocation, coverage, modification, ETSI indication and sub-indication.

A library like the rest of :mod:`signing`: no framework, no settings, nothing global.
"""

from signing.xades.sign import SignLevel, XadesSigner, XadesSignError, sign_xades
from signing.xades.verify import verify_xml

__all__ = ["SignLevel", "XadesSignError", "XadesSigner", "sign_xades", "verify_xml"]
