"""XAdES B-B, B-T and B-LT signing of an XML document (enveloped, over the whole document).

Order of work, chosen for latency (the goal is B-T within 2 ms of the TSA round trip):

1. B-LT only: the revocation data of the signer's chain does not depend on the signature, so
   its fetch starts first and runs while we sign and while the TSA answers;
2. B-B with signxml (:mod:`signing.xades.bb`), about a millisecond with an RSA-2048 key;
3. B-T: one RFC 3161 request over the exclusive-canonical ``ds:SignatureValue``
   (EN 319 132-1 5.3.1), the token goes into ``xades:SignatureTimeStamp``;
4. B-LT: ``xades:CertificateValues`` (the chain given, plus the TSA's certificates from the
   token) and ``xades:RevocationValues`` (CRLs and OCSP answers for the signer's chain, and
   whatever can be had for the TSA's).

The input is parsed with the safe parser of :mod:`signing.xmldsig` (no DTD, no entities, no
network) and must not already hold a ``ds:Signature``.  The signature over the document is
``URI=""``: the document needs no Id attribute.  Signing does not judge the signer's
certificate (expired or revoked keys are the key store's business); a verifier will.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Literal

import aiohttp
from asn1crypto import x509
from lxml import etree

from signing.revocation.cache import InMemoryRevocationCache, RevocationCache
from signing.revocation.fetch import Fetcher
from signing.revocation.sources import RevocationSources
from signing.xades.bb import SigningKeyTypes, sign_bb
from signing.xades.canon import canonicalize
from signing.xades.names import EXC_C14N, NS
from signing.xades.properties import (
    add_signature_timestamp,
    add_validation_values,
    qualifying_container,
)
from signing.xades.revinfo import RevocationCollector, RevocationData, RevocationDataError
from signing.xades.timestamp import TimestampError, fetch_token, token_certificates
from signing.xmldsig import XmlError, parse_root

SignLevel = Literal["B-B", "B-T", "B-LT"]


class XadesSignError(Exception):
    """The document could not be signed at the requested level (input, TSA, revocation)."""


def parse_document(xml: bytes) -> etree._Element:
    """The document's root, parsed safely; refuses DOCTYPEs and already-signed documents."""
    try:
        root = parse_root(xml)
    except XmlError as exc:
        raise XadesSignError(str(exc)) from exc
    if root.find(".//ds:Signature", NS) is not None:
        raise XadesSignError("the document already carries a ds:Signature")
    return root


class XadesSigner:
    """Signs XML documents; holds the HTTP session and the revocation cache between calls.

    Create one per worker process and share it (``async with XadesSigner() as signer``).
    ``cache`` may be the Redis-backed :class:`~signing.revocation.RedisRevocationCache`
    shared with the verifiers; ``sources`` the verifier's preloaded CRLs, URL rewrites, offline
    mode and trust anchors (:class:`~signing.revocation.sources.RevocationSources`).
    """

    def __init__(
        self,
        *,
        fetch_timeout: float = 10.0,
        cache: RevocationCache | None = None,
        session: aiohttp.ClientSession | None = None,
        max_response_bytes: int = 32 * 1024 * 1024,
        fetcher: Fetcher | None = None,
        sources: RevocationSources | None = None,
    ) -> None:
        # ``fetcher``: an existing one to share (its HTTP session and single-flight); it then
        # stays the caller's to close.  Otherwise one is made from the other arguments.
        self._owns_fetcher = fetcher is None
        rewrites = sources.url_rewrite if sources is not None else ()
        self._fetcher = fetcher or Fetcher(
            fetch_timeout, max_response_bytes, session, rewrites=rewrites
        )
        self.collector = RevocationCollector(
            self._fetcher,
            cache if cache is not None else InMemoryRevocationCache(),
            sources=sources,
        )

    async def __aenter__(self) -> XadesSigner:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._owns_fetcher:
            await self._fetcher.aclose()

    async def timestamp(self, data: bytes, tsa_url: str) -> bytes:
        """A bare RFC 3161 token over ``data`` (also what the benchmark compares against)."""
        try:
            return await fetch_token(self._fetcher, tsa_url, data)
        except TimestampError as exc:
            raise XadesSignError(str(exc)) from exc

    async def _tsa_revocation(
        self, token: bytes, chain: Sequence[x509.Certificate]
    ) -> RevocationData:
        """Whatever revocation data the TSA's chain offers (a TSA may publish none)."""
        _tsa_chain, found = await self.collector.collect_tsa(token, chain)
        return found

    async def sign(
        self,
        xml: bytes,
        *,
        key: SigningKeyTypes,
        chain: Sequence[x509.Certificate],
        level: SignLevel = "B-LT",
        tsa_url: str | None = None,
        claimed_roles: Sequence[str] = (),
    ) -> bytes:
        """The signed document (UTF-8, with an XML declaration).

        ``chain`` starts with the signer's certificate, then its CAs (the root may be left
        out); all of it goes into ``ds:KeyInfo`` so that verifiers such as xmlsec1 find the
        intermediates.  ``tsa_url`` is required for B-T and B-LT.
        """
        if not chain:
            raise XadesSignError("the certificate chain is empty")
        if level != "B-B" and not tsa_url:
            raise XadesSignError(f"{level} needs a time-stamping authority (tsa_url)")
        root = parse_document(xml)
        revocation: asyncio.Task[RevocationData] | None = None
        if level == "B-LT":
            revocation = asyncio.create_task(self.collector.collect(chain))
        try:
            try:
                signed, signature = sign_bb(root, key, chain, claimed_roles=claimed_roles)
            except (ValueError, TypeError) as exc:
                raise XadesSignError(f"signing failed: {exc}") from exc
            if tsa_url is not None and level != "B-B":
                value = signature.find("ds:SignatureValue", NS)
                assert value is not None
                token = await self.timestamp(canonicalize(value, EXC_C14N.value), tsa_url)
                add_signature_timestamp(signature, token, EXC_C14N.value)
                if revocation is not None:
                    await self._add_validation_data(signature, chain, token, revocation)
        finally:
            if revocation is not None:
                if not revocation.done():
                    revocation.cancel()
                elif not revocation.cancelled():
                    revocation.exception()  # an error already reported elsewhere, not "lost"
        return bytes(etree.tostring(signed, xml_declaration=True, encoding="UTF-8"))

    async def extend(
        self,
        signed_xml: bytes,
        *,
        chain: Sequence[x509.Certificate],
        level: SignLevel,
        tsa_url: str | None,
    ) -> bytes:
        """Extend a signature made elsewhere (NCALayer's plain XMLDSig) to ``level``.

        The timestamp over its ``ds:SignatureValue`` and, for B-LT, the certificates and
        revocation data go into XAdES unsigned properties (:func:`qualifying_container`):
        nothing the signer signed changes. ``chain`` starts with the signer's certificate
        (the caller verified the signature and its certificate before).
        """
        if level == "B-B":
            return signed_xml
        if not tsa_url:
            raise XadesSignError(f"{level} needs a time-stamping authority (tsa_url)")
        try:
            root = parse_root(signed_xml)
        except XmlError as exc:
            raise XadesSignError(str(exc)) from exc
        signatures = root.findall(".//ds:Signature", NS)
        if len(signatures) != 1:
            raise XadesSignError("the document must carry exactly one ds:Signature")
        signature = signatures[0]
        value = signature.find("ds:SignatureValue", NS)
        if value is None:
            raise XadesSignError("the signature has no ds:SignatureValue")
        qualifying_container(signature)
        revocation = asyncio.create_task(self.collector.collect(chain)) if level == "B-LT" else None
        try:
            token = await self.timestamp(canonicalize(value, EXC_C14N.value), tsa_url)
            add_signature_timestamp(signature, token, EXC_C14N.value)
            if revocation is not None:
                await self._add_validation_data(signature, chain, token, revocation)
        finally:
            if revocation is not None and not revocation.done():
                revocation.cancel()
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))

    async def _add_validation_data(
        self,
        signature: etree._Element,
        chain: Sequence[x509.Certificate],
        token: bytes,
        revocation: asyncio.Task[RevocationData],
    ) -> None:
        try:
            signer_data = await revocation
        except RevocationDataError as exc:
            raise XadesSignError(f"B-LT: {exc}") from exc
        tsa_data = await self._tsa_revocation(token, chain)
        certs: list[bytes] = []
        for der in [*(bytes(c.dump()) for c in chain), *token_certificates(token)]:
            if der not in certs:
                certs.append(der)
        crls = [*signer_data.crls, *(c for c in tsa_data.crls if c not in signer_data.crls)]
        ocsps = [*signer_data.ocsps, *(o for o in tsa_data.ocsps if o not in signer_data.ocsps)]
        add_validation_values(signature, certs, crls, ocsps)


async def sign_xades(
    xml: bytes,
    *,
    key: SigningKeyTypes,
    chain: Sequence[x509.Certificate],
    level: SignLevel = "B-LT",
    tsa_url: str | None = None,
    claimed_roles: Sequence[str] = (),
    signer: XadesSigner | None = None,
) -> bytes:
    """Sign ``xml`` at ``level``; see :meth:`XadesSigner.sign`.

    Without ``signer`` a temporary one is made (its own HTTP session, an empty revocation
    cache): fine for one-offs, while a worker should pass its long-lived signer.
    """
    if signer is not None:
        return await signer.sign(
            xml, key=key, chain=chain, level=level, tsa_url=tsa_url, claimed_roles=claimed_roles
        )
    async with XadesSigner() as own:
        return await own.sign(
            xml, key=key, chain=chain, level=level, tsa_url=tsa_url, claimed_roles=claimed_roles
        )
