"""Verification report for any signed PDF (ours or anyone's): :func:`verify_pdf`.

Every ``/Sig`` signature is validated with pyHanko (integrity, signature value, path to the
given trust anchors, revocation, signature timestamp, what later revisions changed); the
document security store's certificates, CRLs and OCSP responses are used as embedded
evidence, and with ``allow_fetching`` missing revocation data is fetched -- through
:mod:`signing.pades.fetchers`, so only from our CAs' URLs or allowed hosts, within the
verification's budget.  Document timestamps (B-LTA) are validated too.  Validation time is
now.  Signatures in algorithms pyHanko lacks (NCA's GOST) are verified by
:mod:`signing.pades.foreign` with our own CMS code.  A caller's ``policy`` adds the
deployment's revocation sources: preloaded CRL files, URL rewrites, offline.

Raises :class:`DocumentFormatError` when the bytes are not a readable PDF; a readable PDF
without signatures gets a report with ``valid=False`` and no signatures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import msgspec
from asn1crypto import crl, x509
from pyhanko.pdf_utils.decode_limits import DecodePurpose
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature, async_validate_pdf_timestamp
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.errors import NoDSSFoundError
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

from signing.identity import dn_text, read_identity
from signing.pades.external import signer_chain
from signing.pades.fetchers import GatedFetcherBackend
from signing.pades.foreign import Evidence, needs_own_verifier, report_with_own_verifier
from signing.pades.sign import PadesError
from signing.pades.verdict import (
    coverage_of,
    modified_after_signing,
    revocation_of,
    timestamp_time,
    verdict,
)
from signing.policy import VerificationPolicy
from signing.report import (
    DocumentReport,
    Level,
    SignatureReport,
    SignerReport,
    signer_of,
    unprocessable,
)
from signing.revocation.fetch import Fetcher, FetchLimits, allowed_hosts, fetch_budget
from signing.revocation.preloaded import preloaded_crls
from signing.xades.judge import CertificateJudge

FETCH_TIMEOUT = 10.0
# Bound of one CRL of our CAs (NCA's full CRLs run to tens of MB).
MAX_CRL_BYTES = 128 * 1024 * 1024


class DocumentFormatError(ValueError):
    """The bytes are not a PDF pyHanko can read."""


def signer_report(cert: x509.Certificate) -> SignerReport:
    return signer_of(read_identity(cert), format(cert.serial_number, "x"), dn_text(cert.issuer))


def _stream_bytes(refs: Sequence[Any], purpose: DecodePurpose) -> tuple[bytes, ...]:
    return tuple(ref.get_object().read_data(purpose) for ref in refs)


class _Evidence:
    """What the document embeds for validation: DSS certificates, CRLs, OCSP responses; and
    the CRL files the deployment preloads (``QAQPA_CRL_FILES``), used as if embedded."""

    def __init__(self, reader: PdfFileReader, preloaded: Sequence[bytes] = ()) -> None:
        self.has_revinfo = False
        self.preloaded = [crl.CertificateList.load(der) for der in preloaded]
        self.embedded = Evidence()
        try:
            dss = DocumentSecurityStore.read_dss(reader)
        except NoDSSFoundError:
            self.dss: DocumentSecurityStore | None = None
            return
        self.dss = dss
        self.has_revinfo = bool(dss.crls or dss.ocsps)
        self.embedded = Evidence(
            certificates=_stream_bytes(list(dss.certs.values()), DecodePurpose.CERTIFICATE),
            crls=_stream_bytes(dss.crls, DecodePurpose.CRL),
            ocsps=_stream_bytes(dss.ocsps, DecodePurpose.OCSP_RESPONSE),
        )

    def context(
        self,
        trust: Sequence[x509.Certificate],
        extra_certs: list[x509.Certificate],
        fetcher: Fetcher | None,
    ) -> ValidationContext:
        kwargs: dict[str, Any] = {
            "trust_roots": list(trust),
            "other_certs": extra_certs,
            "allow_fetching": fetcher is not None,
            "revocation_mode": "hard-fail",
            # Empty, not None: offline validation then reports missing data instead of raising.
            "crls": list(self.preloaded),
            "ocsps": [],
        }
        if fetcher is not None:
            kwargs["fetcher_backend"] = GatedFetcherBackend(fetcher)
        if self.dss is not None:
            return self.dss.as_validation_context(kwargs)
        return ValidationContext(**kwargs)


def _level(status: PdfSignatureStatus, has_revinfo: bool, archived: bool) -> Level:
    if status.timestamp_validity is None:
        return "B-B"
    if not has_revinfo:
        return "B-T"
    return "B-LTA" if archived else "B-LT"


async def _document_timestamps_ok(
    reader: PdfFileReader, context: ValidationContext
) -> dict[int, bool]:
    """Signed revision -> validity of each document timestamp."""
    results: dict[int, bool] = {}
    for embedded in reader.embedded_timestamp_signatures:
        try:
            ts_status = await async_validate_pdf_timestamp(embedded, context)
            results[embedded.signed_revision] = bool(
                ts_status.intact and ts_status.valid and ts_status.trusted
            )
        except Exception:  # a malformed timestamp is simply not valid evidence
            results[embedded.signed_revision] = False
    return results


def _unprocessed(embedded: EmbeddedPdfSignature, exc: Exception) -> SignatureReport:
    """The report on a signature that could not be processed, naming who it claims as
    signer when its CMS reads."""
    problem = f"the signature cannot be processed: {type(exc).__name__}"
    try:
        signer = signer_report(signer_chain(embedded.pkcs7_content)[0])
    except (ValueError, TypeError, KeyError, IndexError, PadesError):
        signer = None
    report = unprocessable("FORMAT_FAILURE", problem, coverage="partial")
    return msgspec.structs.replace(report, signer=signer)


@dataclass
class _Run:
    """What every signature of one document is verified with."""

    trust: Sequence[x509.Certificate]
    intermediates: Sequence[x509.Certificate]
    evidence: _Evidence
    fetcher: Fetcher | None
    doc_timestamps: dict[int, bool]
    judge: CertificateJudge


def _archived(run: _Run, embedded: EmbeddedPdfSignature, problems: list[str]) -> bool:
    """Whether a valid document timestamp covers the signature (B-LTA)."""
    later = [rev for rev in run.doc_timestamps if rev > embedded.signed_revision]
    archived = any(run.doc_timestamps[rev] for rev in later)
    if later and not archived:
        problems.append("a document timestamp over this signature is not valid")
    return archived


async def _report_one(embedded: EmbeddedPdfSignature, run: _Run) -> SignatureReport:
    if needs_own_verifier(embedded, run.judge.registry):
        problems: list[str] = []
        archived = _archived(run, embedded, problems)
        try:
            report = await report_with_own_verifier(
                embedded, run.judge, run.evidence.embedded, archived=archived
            )
        except Exception as exc:  # a verdict on anyone's upload, never a 500
            return _unprocessed(embedded, exc)
        return msgspec.structs.replace(report, problems=[*report.problems, *problems])
    try:
        # Reading the CMS's certificates already checks its signing-certificate attribute with
        # ``cryptography``'s hashes: a GOST (Streebog) one fails here, not only in validation.
        others = [*embedded.other_embedded_certs, *run.intermediates]
        context = run.evidence.context(run.trust, others, run.fetcher)
        status = await async_validate_pdf_signature(embedded, context)
    except Exception as exc:  # malformed CMS, unsupported algorithm, ...
        return _unprocessed(embedded, exc)
    indication, sub_indication, problems = verdict(status)
    archived = _archived(run, embedded, problems)
    try:
        signer: SignerReport | None = signer_report(embedded.signer_cert)
    except ValueError:
        signer = None
    return SignatureReport(
        valid=indication == "TOTAL-PASSED",
        indication=indication,
        sub_indication=sub_indication,
        level=_level(status, run.evidence.has_revinfo, archived),
        signer=signer,
        signing_time=status.signer_reported_dt,
        timestamp_time=timestamp_time(status),
        revocation=revocation_of(status),
        coverage=coverage_of(status),
        modified_after_signing=modified_after_signing(status),
        problems=problems,
    )


def _read(data: bytes, policy: VerificationPolicy) -> tuple[PdfFileReader, _Evidence]:
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        _ = reader.embedded_regular_signatures
    except Exception as exc:  # pyHanko raises several unrelated types on bad input
        raise DocumentFormatError(f"not a readable PDF: {type(exc).__name__}: {exc}") from exc
    preloaded = preloaded_crls(policy.crl_files).current()  # our configuration: may raise
    try:
        evidence = _Evidence(reader, preloaded)
    except Exception as exc:  # a broken DSS is a broken document
        raise DocumentFormatError(f"not a readable PDF: {type(exc).__name__}: {exc}") from exc
    return reader, evidence


async def verify_pdf(
    data: bytes,
    *,
    trust: Sequence[x509.Certificate],
    allow_fetching: bool = True,
    intermediates: Sequence[x509.Certificate] = (),
    limits: FetchLimits | None = None,
    policy: VerificationPolicy | None = None,
) -> DocumentReport:
    """Report on every signature of the PDF ``data`` against the ``trust`` anchors.

    ``intermediates`` are CA certificates we know in advance; ``limits`` bound the fetching.
    ``policy`` brings the deployment's revocation sources as intake has them: preloaded CRL
    files (given to every validation), URL rewrites to a mirror, and ``offline`` (no
    fetching at all); GOST signatures are verified with it (:mod:`signing.pades.foreign`).
    """
    base = policy if policy is not None else VerificationPolicy()
    reader, evidence = _read(data, base)
    fetch = limits if limits is not None else base.fetch
    fetching = allow_fetching and not base.offline
    fetcher = Fetcher(
        FETCH_TIMEOUT,
        MAX_CRL_BYTES,
        allowed=allowed_hosts(fetch, [*trust, *intermediates]),
        max_concurrent=fetch.max_concurrent,
        rewrites=base.url_rewrite,
    )
    used = fetcher if fetching else None
    judge = CertificateJudge(
        trust,
        allow_fetching=fetching,
        test_pki=base.test_pki,
        intermediates=intermediates,
        limits=fetch,
        policy=base,
    )
    try:
        async with judge:
            with fetch_budget(fetch):
                doc_timestamps = await _document_timestamps_ok(
                    reader, evidence.context(trust, list(intermediates), used)
                )
                run = _Run(trust, intermediates, evidence, used, doc_timestamps, judge)
                reports = [
                    await _report_one(embedded, run)
                    for embedded in reader.embedded_regular_signatures
                ]
    finally:
        await fetcher.aclose()
    return DocumentReport(
        format="pdf",
        valid=bool(reports) and all(report.valid for report in reports),
        signatures=reports,
    )
