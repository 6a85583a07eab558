"""PAdES with a key the server never holds: pyHanko's interrupted signing.

An officer signs in NCALayer on their own machine; the server only ever sees the CMS it
returns. So signing is split in two, with the prepared document stored in between:

1. :func:`prepare_external` -- the signature field and a zero-filled ``/Contents`` placeholder
   are written (``PdfSigner.async_digest_doc_for_signing``), and the digest over the
   ``/ByteRange`` is what the officer's CMS must sign (as its ``message-digest`` attribute);
2. :func:`finish_external` -- the officer's CMS gets the signature timestamp as an unsigned
   attribute (B-T; it covers the signature value, so the officer's signature is untouched),
   goes into the placeholder (``PdfTBSDocument.async_finish_signing``), and for B-LT/B-LTA
   the validation data (DSS: pyHanko's own step for RSA/EC chains, ours from the collector
   for GOST ones, :mod:`signing.pades.dss`) and the document timestamp are added.

Nothing here judges the officer's certificate: callers verify the CMS first (signing's
:class:`~signing.verify.Verifier`, over :meth:`PreparedPdf.signed_bytes`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

import aiohttp
from asn1crypto import cms, x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, PdfTimeStamper
from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest
from pyhanko.sign.signers.pdf_cms import ExternalSigner
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
from pyhanko.sign.timestamps.aiohttp_client import HTTPTimeStamper
from pyhanko.sign.validation.dss import async_add_validation_info
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend

from signing.pades.dss import add_collected_dss, pyhanko_checks
from signing.pades.sign import PadesError, _next_field_name
from signing.report import Level
from signing.xades.revinfo import RevocationCollector

DIGEST_ALGORITHM = "sha256"
# Room for the officer's CMS (hex doubles it): their chain, signed attributes, and the
# signature timestamp we add. NCA chains are two or three certificates.
BYTES_RESERVED = 2 * 24 * 1024


@dataclass(frozen=True, kw_only=True)
class PreparedPdf:
    """The PDF with its empty signature placeholder, and what the signer must sign."""

    pdf: bytes
    digest: bytes  # over the /ByteRange, DIGEST_ALGORITHM
    reserved_start: int
    reserved_end: int

    def signed_bytes(self) -> bytes:
        """The bytes the ``/ByteRange`` covers (the detached content of the officer's CMS)."""
        return self.pdf[: self.reserved_start] + self.pdf[self.reserved_end :]


async def prepare_external(
    pdf: bytes, *, reason: str | None = None, signer_name: str | None = None
) -> PreparedPdf:
    """Add an empty signature to ``pdf`` and compute the digest the officer signs."""
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    except Exception as exc:  # pyHanko raises several unrelated types on bad input
        raise PadesError(f"not a readable PDF: {exc}") from exc
    meta = PdfSignatureMetadata(
        field_name=_next_field_name(writer),
        md_algorithm=DIGEST_ALGORITHM,
        subfilter=SigSeedSubFilter.PADES,
        reason=reason,
        name=signer_name,
    )
    # No certificate and no key: this signer only lets pyHanko lay out the placeholder.
    placeholder = ExternalSigner(signing_cert=None, cert_registry=None, signature_value=256)
    prepared, _tbs, output = await PdfSigner(meta, placeholder).async_digest_doc_for_signing(
        writer, bytes_reserved=BYTES_RESERVED
    )
    assert isinstance(output, BytesIO)  # no output stream given: pyHanko made a BytesIO
    return PreparedPdf(
        pdf=output.getvalue(),
        digest=prepared.document_digest,
        reserved_start=prepared.reserved_region_start,
        reserved_end=prepared.reserved_region_end,
    )


def _with_timestamp(content: cms.ContentInfo, token: cms.ContentInfo) -> cms.ContentInfo:
    signer_info = content["content"]["signer_infos"][0]
    unsigned = signer_info["unsigned_attrs"]
    attrs = list(unsigned) if unsigned.native is not None else []
    attrs.append(cms.CMSAttribute({"type": "signature_time_stamp_token", "values": [token]}))
    signer_info["unsigned_attrs"] = cms.CMSAttributes(attrs)
    return cms.ContentInfo.load(content.dump(force=True))


async def _signature_timestamped(
    content: cms.ContentInfo, stamper: HTTPTimeStamper
) -> cms.ContentInfo:
    value = content["content"]["signer_infos"][0]["signature"].native
    token = await stamper.async_timestamp(
        hashlib.new(DIGEST_ALGORITHM, value).digest(), DIGEST_ALGORITHM
    )
    return _with_timestamp(content, token)


@dataclass(frozen=True, kw_only=True)
class _LongTerm:
    """What B-LT/B-LTA need: the signer's chain and where its validation data comes from."""

    chain: Sequence[x509.Certificate]
    trust: Sequence[x509.Certificate]
    other_certs: Sequence[x509.Certificate]
    collector: RevocationCollector | None
    fetch_timeout: float


async def _add_long_term(
    output: BytesIO,
    content: cms.ContentInfo,
    level: Level,
    stamper: HTTPTimeStamper | None,
    http: aiohttp.ClientSession,
    long_term: _LongTerm,
) -> None:
    """The DSS (B-LT) and the document timestamp (B-LTA) over the signed PDF in ``output``.

    A chain pyHanko can validate (RSA, EC) goes through its own DSS step, as for server-held
    keys; any other (NCA's GOST) gets the DSS from our collector (:mod:`signing.pades.dss`),
    and then the document timestamp without pyHanko's validation of the TSA: the DSS already
    holds the TSA's chain and revocation data from the signature timestamp, same TSA.
    """
    context: ValidationContext | None = None
    if long_term.collector is not None and not pyhanko_checks(long_term.chain):
        await add_collected_dss(output, content, long_term.chain, long_term.collector)
    else:
        context = ValidationContext(
            trust_roots=list(long_term.trust),
            other_certs=list(long_term.other_certs),
            allow_fetching=True,
            fetcher_backend=AIOHttpFetcherBackend(
                session=http, per_request_timeout=long_term.fetch_timeout
            ),
            revocation_mode="hard-fail",
        )
        reader = PdfFileReader(output, strict=False)
        await async_add_validation_info(reader.embedded_signatures[-1], context, in_place=True)
    if level == "B-LTA" and stamper is not None:
        writer = IncrementalPdfFileWriter(output, strict=False)
        await PdfTimeStamper(stamper).async_timestamp_pdf(
            writer, DIGEST_ALGORITHM, context, in_place=True
        )


def _parsed_cms(signature_cms: bytes) -> cms.ContentInfo:
    try:
        content = cms.ContentInfo.load(signature_cms)
        content["content"]["signer_infos"][0]["signature"].native  # noqa: B018 - parse it now
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise PadesError(f"not a CMS signature: {exc}") from exc
    return content


async def finish_external(
    prepared: PreparedPdf,
    signature_cms: bytes,
    *,
    level: Level,
    tsa_url: str | None,
    trust: Sequence[x509.Certificate],
    other_certs: Sequence[x509.Certificate] = (),
    fetch_timeout: float = 10.0,
    collector: RevocationCollector | None = None,
) -> bytes:
    """The signed PDF: the officer's CMS in the placeholder, extended up to ``level``.

    ``collector`` (the XAdES signer's, with the deployment's revocation sources) supplies the
    validation data of chains pyHanko cannot validate (GOST); without it they fail at B-LT.
    """
    if level != "B-B" and not tsa_url:
        raise PadesError(f"signing at {level} needs a timestamp service URL")
    content = _parsed_cms(signature_cms)
    long_term = _LongTerm(
        chain=signer_chain(signature_cms, other_certs) if level in ("B-LT", "B-LTA") else (),
        trust=trust,
        other_certs=other_certs,
        collector=collector,
        fetch_timeout=fetch_timeout,
    )
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=fetch_timeout)) as http:
        stamper = (
            None
            if tsa_url is None
            else HTTPTimeStamper(tsa_url, timeout=fetch_timeout, session=http)
        )
        try:
            if stamper is not None and level != "B-B":
                content = await _signature_timestamped(content, stamper)
            output = BytesIO(prepared.pdf)
            digest = PreparedByteRangeDigest(
                document_digest=prepared.digest,
                reserved_region_start=prepared.reserved_start,
                reserved_region_end=prepared.reserved_end,
            )
            await PdfTBSDocument.async_finish_signing(output, digest, content)
            if level in ("B-LT", "B-LTA"):
                await _add_long_term(output, content, level, stamper, http, long_term)
        except PadesError:
            raise
        except Exception as exc:  # TSA, revocation fetches, pyHanko's own checks
            raise PadesError(f"finishing the signature at {level} failed: {exc}") from exc
    return output.getvalue()


def signer_chain(
    signature_cms: bytes, pool: Sequence[x509.Certificate] = ()
) -> list[x509.Certificate]:
    """The CMS signer's certificate, then its issuers up to (not including) a root, found
    among the CMS's certificates and ``pool`` (the configured intermediates)."""
    try:
        signed_data = cms.ContentInfo.load(signature_cms)["content"]
        sid = signed_data["signer_infos"][0]["sid"].chosen
        certs = [c.chosen for c in signed_data["certificates"] if c.name == "certificate"]
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise PadesError(f"not a CMS signature: {exc}") from exc
    signer = next(
        (
            c
            for c in certs
            if c.issuer == sid["issuer"] and c.serial_number == sid["serial_number"].native
        ),
        None,
    )
    if signer is None:
        raise PadesError("the CMS does not carry its signer's certificate")
    chain = [signer]
    candidates = [*certs, *pool]
    while len(chain) < 8 and chain[-1].self_signed == "no":
        issuer = next(
            (c for c in candidates if c.subject == chain[-1].issuer and c.self_signed == "no"), None
        )
        if issuer is None or issuer in chain:
            break
        chain.append(issuer)
    return chain
