"""PAdES signing at B-B, B-T, B-LT (default) and B-LTA with pyHanko's async API.

One :class:`PadesSigner` per key, built once and shared: it holds the reusable
:class:`~signing.pades.signer.KeySigner`, the timestamp client and the aiohttp session all
network calls share (RFC 3161 requests, CRL/OCSP fetches for B-LT).  Never pyHanko's sync
``sign_pdf``: it calls ``asyncio.run`` and cannot run inside the worker's event loop.

``bytes_reserved`` is computed from what the CMS will hold (certificates, signature, timestamp
token), so pyHanko writes the document once instead of first producing a dry-run signature
(and, at B-T, a dummy timestamp request) just to measure it.

Levels:

* B-B  -- CAdES-shaped CMS (ETSI.CAdES.detached) with signing-certificate-v2 and the chain;
* B-T  -- plus an RFC 3161 signature timestamp from the TSA;
* B-LT -- plus the CRLs/OCSP responses of signer and TSA in the document security store;
* B-LTA -- plus a document timestamp over everything.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from io import BytesIO

import aiohttp
from asn1crypto import x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigSeedSubFilter, enumerate_sig_fields
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner
from pyhanko.sign.timestamps.aiohttp_client import HTTPTimeStamper
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend

from signing.keys import SigningKey
from signing.pades.signer import KeySigner
from signing.report import Level

DEFAULT_LEVEL: Level = "B-LT"
# Room for the CMS beside its certificates: signature, signed attributes, structure (bytes).
_CMS_OVERHEAD = 4096
# An RFC 3161 token carries the TSA's certificate chain: allow for a long one.
_TIMESTAMP_ALLOWANCE = 8192


class PadesError(RuntimeError):
    """The PDF could not be signed (unreadable input, TSA or revocation data unavailable)."""


def _self_signed(chain: Sequence[x509.Certificate]) -> list[x509.Certificate]:
    return [cert for cert in chain if cert.self_signed != "no"]


def _next_field_name(writer: IncrementalPdfFileWriter) -> str:
    taken = {name for name, _value, _ref in enumerate_sig_fields(writer.prev)}
    index = len(taken) + 1
    while f"Signature{index}" in taken:
        index += 1
    return f"Signature{index}"


class PadesSigner:
    """Signs PDFs with one key; reuse it for every document that key signs."""

    def __init__(
        self,
        key: SigningKey,
        *,
        tsa_url: str | None = None,
        trust: Sequence[x509.Certificate] | None = None,
        default_level: Level = DEFAULT_LEVEL,
        timeout: float = 10.0,
    ) -> None:
        self._signer = KeySigner(key)
        self._key = key
        self._tsa_url = tsa_url
        self._trust = list(trust) if trust is not None else _self_signed(key.chain)
        self._default_level = default_level
        self._timeout = timeout
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._timestamper: HTTPTimeStamper | None = None
        certs_size = sum(len(cert.dump()) for cert in (key.certificate, *key.chain))
        self._reserve_bb = 2 * (certs_size + _CMS_OVERHEAD)
        self._reserve_bt = self._reserve_bb + 2 * _TIMESTAMP_ALLOWANCE

    def _http(self) -> aiohttp.ClientSession:
        # An aiohttp session belongs to the loop that created it: a signer reused under
        # another loop (a second asyncio.run) starts a fresh one.
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self._timeout)
            )
            self._loop = loop
            self._timestamper = None
        return self._session

    def _tsa(self) -> HTTPTimeStamper:
        if self._tsa_url is None:
            raise PadesError("a timestamp service URL is needed for B-T and above")
        session = self._http()
        if self._timestamper is None:
            self._timestamper = HTTPTimeStamper(
                self._tsa_url, timeout=self._timeout, session=session
            )
        return self._timestamper

    def _validation_context(self) -> ValidationContext:
        backend = AIOHttpFetcherBackend(session=self._http(), per_request_timeout=self._timeout)
        return ValidationContext(
            trust_roots=self._trust,
            other_certs=list(self._key.chain),
            allow_fetching=True,
            fetcher_backend=backend,
            revocation_mode="hard-fail",
        )

    async def sign(
        self,
        pdf: bytes,
        *,
        level: Level | None = None,
        reason: str | None = None,
        location: str | None = None,
        signer_name: str | None = None,
    ) -> bytes:
        """Return ``pdf`` with one more signature (an incremental update) at ``level``."""
        level = level or self._default_level
        try:
            writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        except Exception as exc:  # pyHanko raises several unrelated types on bad input
            raise PadesError(f"not a readable PDF: {exc}") from exc
        timestamped = level != "B-B"
        long_term = level in ("B-LT", "B-LTA")
        meta = PdfSignatureMetadata(
            field_name=_next_field_name(writer),
            md_algorithm="sha256",
            subfilter=SigSeedSubFilter.PADES,
            reason=reason,
            location=location,
            name=signer_name,
            embed_validation_info=long_term,
            use_pades_lta=level == "B-LTA",
            validation_context=self._validation_context() if long_term else None,
        )
        pdf_signer = PdfSigner(meta, self._signer, timestamper=self._tsa() if timestamped else None)
        output = BytesIO()
        try:
            await pdf_signer.async_sign_pdf(
                writer,
                bytes_reserved=self._reserve_bt if timestamped else self._reserve_bb,
                output=output,
            )
        except Exception as exc:
            raise PadesError(f"signing failed at {level}: {exc}") from exc
        return output.getvalue()

    async def aclose(self) -> None:
        if self._session is not None and self._loop is asyncio.get_running_loop():
            await self._session.close()
        self._session = None
        self._loop = None
        self._timestamper = None

    async def __aenter__(self) -> PadesSigner:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
