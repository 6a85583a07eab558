"""XAdES B-B with signxml, with corrections to what ``XAdESSigner`` does by default.

* The references signxml adds for ``xades:SignedProperties`` and ``ds:KeyInfo`` carry no
  ``ds:Transforms``, yet their digests are computed with the signer's canonicalisation.  A
  verifier then falls back to *its* default (Canonical XML 1.0 for xmlsec1, 1.1 for signxml)
  and, with exclusive canonicalisation configured, disagrees.  We write the transform out.
* The document is copied with ``copy.deepcopy`` instead of a serialise/re-parse round trip
  (a quarter of the B-B time for a few-kilobyte document).
* The document reference is ``URI=""`` (the whole document, minus the signature, by the
  enveloped-signature transform) even when the root element carries an ``Id``: no Id
  attribute is needed on the document, and a verifier needs no ``--id-attr`` for the content.
  (signxml would otherwise switch to ``URI="#<Id>"``.)

* ``ds:KeyInfo`` and ``xades:SigningCertificateV2`` are written from base64 and digests
  computed once per chain, not per signature.

``KeyValue`` is left out: the certificate in ``X509Data`` carries the key, and a bare
``KeyValue`` beside it invites verifiers to trust it (and needs ``public_key()`` from keys
that live on an HSM).
"""

from __future__ import annotations

import base64
import copy
import hashlib
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from asn1crypto import x509
from cryptography import x509 as cx509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from lxml import etree
from signxml.algorithms import DigestAlgorithm, SignatureMethod
from signxml.util import SigningSettings
from signxml.xades.xades import XAdESDataObjectFormat, XAdESSigner

from signing.xades.names import EXC_C14N, ds, xades

SigningKeyTypes = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
DIGEST = DigestAlgorithm.SHA256


@lru_cache(maxsize=256)
def _chain_material(ders: tuple[bytes, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Base64 DER (for X509Certificate) and SHA-256 digests (for SigningCertificateV2).

    An officer signs many documents with one chain: computing these once saves a PEM
    round trip, a regex and a digest per certificate per signature.
    """
    texts = tuple(base64.b64encode(der).decode("ascii") for der in ders)
    digests = tuple(base64.b64encode(hashlib.sha256(der).digest()).decode("ascii") for der in ders)
    return texts, digests


class _XadesBB(XAdESSigner):
    """signxml's XAdES signer with explicit reference transforms and ``URI=""``."""

    def __init__(self, chain: Sequence[x509.Certificate], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._texts, self._digests = _chain_material(tuple(c.dump() for c in chain))

    def _add_key_info(
        self,
        sig_root: etree._Element,
        signing_settings: SigningSettings,  # noqa: ARG002 (signxml passes it by name)
    ) -> None:
        x509_data = etree.SubElement(etree.SubElement(sig_root, ds("KeyInfo")), ds("X509Data"))
        for text in self._texts:
            etree.SubElement(x509_data, ds("X509Certificate")).text = text

    def add_signing_certificate(
        self,
        signed_signature_properties: etree._Element,
        sig_root: etree._Element,  # noqa: ARG002 (signxml passes it by name)
        signing_settings: SigningSettings,  # noqa: ARG002 (signxml passes it by name)
    ) -> None:
        signing_cert = etree.SubElement(signed_signature_properties, xades("SigningCertificateV2"))
        for digest in self._digests:
            cert_digest = etree.SubElement(
                etree.SubElement(signing_cert, xades("Cert")), xades("CertDigest")
            )
            etree.SubElement(cert_digest, ds("DigestMethod")).set("Algorithm", DIGEST.value)
            etree.SubElement(cert_digest, ds("DigestValue")).text = digest

    def _ds_tag(self, tag: str) -> str:
        # Called ~15 times per signature; signxml's version builds a QName after a cast.
        return ds(tag)

    def get_root(self, data: Any) -> Any:
        # signxml copies an element by serialising and re-parsing it, because a deep copy of
        # a *nested* element may lose namespace declarations of its ancestors.  We always hand
        # over the root of a tree we just parsed, for which a deep copy is exact and ~10x faster.
        if isinstance(data, etree._Element) and data.getparent() is None:
            return copy.deepcopy(data)
        return super().get_root(data)  # type: ignore[no-untyped-call]

    def _add_reference_to_signed_info(
        self, sig_root: etree._Element, node_to_reference: etree._Element, **attrs: str
    ) -> None:
        signed_info = sig_root.find(ds("SignedInfo"))
        assert signed_info is not None
        reference = etree.SubElement(signed_info, ds("Reference"))
        reference.set("URI", f"#{node_to_reference.get('Id')}")
        for name, value in attrs.items():
            reference.set(name, value)
        transforms = etree.SubElement(reference, ds("Transforms"))
        etree.SubElement(transforms, ds("Transform")).set("Algorithm", self.c14n_alg.value)
        etree.SubElement(reference, ds("DigestMethod")).set("Algorithm", self.digest_alg.value)
        c14n = self._c14n(node_to_reference, algorithm=self.c14n_alg)
        digest = self._get_digest(c14n, algorithm=self.digest_alg)
        etree.SubElement(reference, ds("DigestValue")).text = base64.b64encode(digest).decode()

    def _unpack(self, data: Any, references: Any) -> Any:
        sig_root, doc_root, c14n_inputs, refs = super()._unpack(data, references)
        if references is None:
            refs = [replace(ref, URI="") for ref in refs]
        return sig_root, doc_root, c14n_inputs, refs


def signature_method(cert: x509.Certificate) -> SignatureMethod:
    """RSA-SHA256 for RSA keys; ECDSA with the hash that matches the curve size."""
    algorithm = cert.public_key.algorithm
    if algorithm == "rsa":
        return SignatureMethod.RSA_SHA256
    if algorithm == "ec":
        bits = cert.public_key.bit_size
        if bits > 384:
            return SignatureMethod.ECDSA_SHA512
        return SignatureMethod.ECDSA_SHA384 if bits > 256 else SignatureMethod.ECDSA_SHA256
    raise ValueError(f"no XAdES signature method for {algorithm} keys")


def sign_bb(
    root: etree._Element,
    key: SigningKeyTypes,
    chain: Sequence[x509.Certificate],
    *,
    claimed_roles: Sequence[str] = (),
    description: str = "Qaqpa e-service result",
) -> tuple[etree._Element, etree._Element]:
    """A signed copy of ``root`` (signxml copies its input) and its ``ds:Signature``."""
    signer = _XadesBB(
        chain,
        signature_algorithm=signature_method(chain[0]),
        digest_algorithm=DIGEST,
        c14n_algorithm=EXC_C14N,
        claimed_roles=list(claimed_roles) or None,
        data_object_format=XAdESDataObjectFormat(Description=description, MimeType="text/xml"),
    )
    certs = [cx509.load_der_x509_certificate(cert.dump()) for cert in chain]
    signed = signer.sign(root, key=key, cert=certs, always_add_key_value=False)
    signature = signed.find(ds("Signature"))
    assert signature is not None
    return signed, signature
