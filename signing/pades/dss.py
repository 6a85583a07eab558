"""The PDF's document security store (DSS) written from our own revocation data.

pyHanko's DSS step (``async_add_validation_info``) validates the signer's chain with
pyhanko-certvalidator before it embeds anything, and that checks signatures with
``cryptography``: NCA's GOST chains (GOST R 34.10-2015, Streebog) fail there. Embedding needs
no judgement, though (a verifier judges the DSS against its own anchors), so for such chains
the certificates, CRLs and OCSP answers come from the collector the XAdES signer uses
(:class:`~signing.xades.revinfo.RevocationCollector`: the certificates' URLs, the operator's
preloaded CRLs and URL rewrites, as the verifier reads them) and go into ``/DSS`` -- with a
``/VRI`` entry for the signature -- as an incremental update through pyHanko's
:class:`~pyhanko.sign.validation.dss.DocumentSecurityStore`. The signer's certificate was
verified with our own verifier (GOST included) before the signature was completed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO

from asn1crypto import cms, crl, ocsp, x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.dss import DocumentSecurityStore

from signing.xades.revinfo import RevocationCollector, RevocationData

# Public-key algorithms pyhanko-certvalidator checks with ``cryptography``.
PYHANKO_KEYS = frozenset({"rsa", "rsassa_pss", "ec", "dsa", "ed25519", "ed448"})


def pyhanko_checks(chain: Iterable[x509.Certificate]) -> bool:
    """Whether pyHanko can validate ``chain`` itself (every key of a kind it knows)."""
    return all(
        cert["tbs_certificate"]["subject_public_key_info"]["algorithm"]["algorithm"].native
        in PYHANKO_KEYS
        for cert in chain
    )


def _signature_timestamp(content: cms.ContentInfo) -> bytes | None:
    """The signature timestamp token (an unsigned attribute) of the CMS, if it has one."""
    unsigned = content["content"]["signer_infos"][0]["unsigned_attrs"]
    if unsigned.native is None:
        return None
    for attribute in unsigned:
        if attribute["type"].native == "signature_time_stamp_token":
            return bytes(attribute["values"][0].dump())
    return None


def _unique(items: Iterable[bytes]) -> list[bytes]:
    seen: list[bytes] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


async def add_collected_dss(
    output: BytesIO,
    content: cms.ContentInfo,
    chain: Sequence[x509.Certificate],
    collector: RevocationCollector,
) -> None:
    """Add the DSS for the last signature of the PDF in ``output`` (in place): the signer's
    ``chain`` with its revocation data, which must exist (``RevocationDataError`` otherwise),
    and the signature timestamp's TSA chain with whatever revocation data it offers."""
    signer_data = await collector.collect(chain)
    token = _signature_timestamp(content)
    tsa_chain: list[x509.Certificate] = []
    tsa_data = RevocationData((), ())
    if token is not None:
        tsa_chain, tsa_data = await collector.collect_tsa(token, chain)
    certs = _unique(bytes(cert.dump()) for cert in [*chain, *tsa_chain])
    crls = _unique([*signer_data.crls, *tsa_data.crls])
    ocsps = _unique([*signer_data.ocsps, *tsa_data.ocsps])
    reader = PdfFileReader(output, strict=False)
    # The VRI key is the SHA-1 of the signature's /Contents, padding included.
    contents = reader.embedded_signatures[-1].pkcs7_content.hex().encode("ascii")
    writer = IncrementalPdfFileWriter.from_reader(reader)
    DocumentSecurityStore.supply_dss_in_writer(
        writer,
        contents,
        certs=[x509.Certificate.load(der) for der in certs],
        crls=[crl.CertificateList.load(der) for der in crls],
        ocsps=[ocsp.OCSPResponse.load(der) for der in ocsps],
    )
    writer.write_in_place()  # type: ignore[no-untyped-call]
