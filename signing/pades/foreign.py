"""PDF signatures pyHanko cannot check -- NCA's GOST -- verified with our own CMS code.

pyHanko (and ``cryptography`` under it) knows neither Streebog nor GOST R 34.10: it cannot
even read such a signature's signing-certificate attribute.  Officers sign results with NCA
GOST keys, so those signatures are checked here the way intake checks applicants' GOST CMS:

* the signature itself -- message digest over the ``/ByteRange`` bytes, signing-certificate
  attribute, signature value -- by :func:`signing.cms.check.signature_findings` with the
  algorithm registry (the GOST plug-in);
* the signature timestamps (``id-aa-signatureTimeStampToken``, over the signature value) as
  the XAdES verifier checks its own: imprint, token signature, a TSA certificate for time
  stamping that chains to the anchors at genTime;
* the signer's certificate by :class:`signing.xades.judge.CertificateJudge` at the earliest
  timestamp that holds (now without one): path to the anchors, key usage, IIN/BIN, and
  revocation from the document's DSS first, then the deployment's preloaded CRLs and the
  fetching it allows -- never from a host only the document names.

pyHanko still does the PDF part, which needs no cryptography: what the ``/ByteRange`` covers
and what later revisions changed.  The indications follow :mod:`signing.pades.verdict` and,
for the certificate, :mod:`signing.xades.indication`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from asn1crypto import x509
from cryptography.hazmat.primitives.serialization import load_der_public_key
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, DiffResult
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import SignatureCoverageLevel

from signing.algorithms import AlgorithmRegistry
from signing.cms.check import algorithm_findings, signature_findings
from signing.cms.parse import parse_cms, signature_timestamp_tokens
from signing.cms.parsed import CmsError, ParsedCms
from signing.identity import dn_text, read_identity
from signing.pades.verdict import COVERAGE
from signing.report import Indication, Level, SignatureReport, signer_of, unprocessable
from signing.result import Code
from signing.tokens import read_token, token_problem
from signing.xades.indication import certificate_indication
from signing.xades.judge import CertificateJudge, Judgement

# What later revisions may change without the signature counting as "modified after signing"
# (signing.pades.verdict: DSS, document timestamps, further signatures).
_BENIGN_LEVELS = {"NONE", "LTA_UPDATES", "FORM_FILLING"}
# Kazakhstan's OID arc: NCA's algorithms, also those our plug-in declines (GOST 2015-256 unless
# allowed), which get a clear CRYPTO_CONSTRAINTS verdict here instead of pyHanko's exception.
_NCA_ARC = "1.2.398."
_BEYOND = "the document was modified after signing beyond what the signature permits"


@dataclass(frozen=True, slots=True)
class Evidence:
    """The document's own validation data (its DSS), DER-encoded."""

    certificates: tuple[bytes, ...] = ()
    crls: tuple[bytes, ...] = ()
    ocsps: tuple[bytes, ...] = ()


@dataclass(slots=True)
class _Outcome:
    indication: Indication = "TOTAL-PASSED"
    sub: str | None = None
    problems: list[str] = field(default_factory=list)

    def fail(self, indication: Indication, sub: str, problem: str) -> None:
        """Record a failure; the first one decides the indication."""
        if self.sub is None and self.indication == "TOTAL-PASSED":
            self.indication, self.sub = indication, sub
        self.problems.append(problem)


def needs_own_verifier(embedded: EmbeddedPdfSignature, registry: AlgorithmRegistry) -> bool:
    """Whether the signature's digest or signature algorithm is one pyHanko lacks (GOST)."""
    try:
        info = embedded.signer_info
        oids = (
            info["digest_algorithm"]["algorithm"].dotted,
            info["signature_algorithm"]["algorithm"].dotted,
        )
    except (ValueError, TypeError, KeyError):
        return False
    return any(oid.startswith(_NCA_ARC) or registry.plugin_for(oid) is not None for oid in oids)


def covered_bytes(embedded: EmbeddedPdfSignature) -> bytes:
    """The bytes the ``/ByteRange`` names (raises ``ValueError`` on a malformed range)."""
    ranges = [int(value) for value in embedded.byte_range]
    if len(ranges) != 4 or min(ranges) < 0:
        raise ValueError("the /ByteRange is not four non-negative numbers")
    stream = embedded.reader.stream
    stream.seek(0, 2)
    size = stream.tell()
    parts: list[bytes] = []
    for start, length in ((ranges[0], ranges[1]), (ranges[2], ranges[3])):
        if start + length > size:
            raise ValueError("the /ByteRange reaches past the end of the file")
        stream.seek(start)
        parts.append(stream.read(length))
    return b"".join(parts)


def _coverage(embedded: EmbeddedPdfSignature) -> tuple[str, bool, str | None]:
    """(coverage, modified after signing, why the later changes are not allowed or None)."""
    level = embedded.evaluate_signature_coverage()
    # evaluate_modifications reads it (pyHanko declares the attribute None until computed).
    embedded.coverage = level  # type: ignore[assignment]
    label = COVERAGE.get(level, "partial")
    if level < SignatureCoverageLevel.ENTIRE_REVISION:
        return label, False, None
    if level == SignatureCoverageLevel.ENTIRE_FILE:
        return label, False, None
    diff = embedded.evaluate_modifications(DEFAULT_DIFF_POLICY)
    if not isinstance(diff, DiffResult):  # pyHanko's SuspiciousModification
        return label, True, _BEYOND
    modified = diff.modification_level.name not in _BENIGN_LEVELS
    docmdp = embedded.docmdp_level
    if docmdp is not None and diff.modification_level.value > docmdp.value:
        return label, modified, _BEYOND
    return label, modified, None


async def _token_time(
    token: bytes, parsed: ParsedCms, judge: CertificateJudge, evidence: Evidence
) -> datetime:
    """genTime of a signature timestamp that holds; raises ``ValueError`` saying why not."""
    info = read_token(token)
    problem = token_problem(info, parsed.signature, judge.registry, "the signature value")
    if problem is not None:
        raise ValueError(problem)
    verdict = await judge.judge(
        info.cms.signer_cert_der,
        purpose=None,
        at=info.gen_time,
        intermediates=[*info.cms.other_certs_der, *parsed.other_certs_der, *evidence.certificates],
        crls=evidence.crls,
        ocsps=evidence.ocsps,
    )
    result = verdict.result
    if result.code is not Code.OK or result.revocation.status == "revoked":
        raise ValueError(f"TSA certificate: {result.code}: {result.message}")
    return info.gen_time


async def _timestamps(
    der: bytes, parsed: ParsedCms, judge: CertificateJudge, evidence: Evidence
) -> tuple[datetime | None, list[str]]:
    """The earliest genTime among the signature timestamps that hold, and why others fail."""
    best: datetime | None = None
    problems: list[str] = []
    try:
        tokens = signature_timestamp_tokens(der)
    except CmsError as exc:
        return None, [f"signature timestamps unreadable: {exc.message}"]
    for token in tokens:
        try:
            moment = await _token_time(token, parsed, judge, evidence)
        except CmsError as exc:
            problems.append(f"signature timestamp rejected: {exc.message}")
            continue
        except (ValueError, TypeError, KeyError) as exc:
            problems.append(f"signature timestamp rejected: {exc}")
            continue
        best = moment if best is None or moment < best else best
    return best, problems


def _signature_failure(
    parsed: ParsedCms, content: bytes, cert: x509.Certificate, registry: AlgorithmRegistry
) -> tuple[Indication, str, str] | None:
    """Why the signature over ``content`` does not hold, as (indication, sub, problem)."""
    findings = algorithm_findings(parsed, registry)
    if findings:
        return "INDETERMINATE", "CRYPTO_CONSTRAINTS_FAILURE_NO_POE", findings[0][1]
    spki = bytes(cert.public_key.dump())
    key_oid = cert.public_key["algorithm"]["algorithm"].dotted
    public_key: Any = None if registry.plugin_for(key_oid) else load_der_public_key(spki)
    findings = signature_findings(parsed, content, public_key, spki, registry)
    if not findings:
        return None
    code, message = findings[0]
    if "message digest" in message:
        return "TOTAL-FAILED", "HASH_FAILURE", "the signed bytes were changed"
    if code is Code.SIGNATURE_INVALID:
        return "TOTAL-FAILED", "SIG_CRYPTO_FAILURE", message
    if code is Code.UNSUPPORTED_ALGORITHM:
        return "INDETERMINATE", "CRYPTO_CONSTRAINTS_FAILURE_NO_POE", message
    return "TOTAL-FAILED", "FORMAT_FAILURE", message


def _level(poe: datetime | None, evidence: Evidence, judged: Judgement, archived: bool) -> Level:
    if poe is None:
        return "B-B"
    if not (evidence.crls or evidence.ocsps) or not judged.embedded_sufficient:
        return "B-T"
    return "B-LTA" if archived else "B-LT"


def _certificate_outcome(
    outcome: _Outcome, judged: Judgement, poe: datetime | None, claimed: datetime | None
) -> None:
    result = judged.result
    indication, sub = certificate_indication(result, poe=poe, claimed=claimed)
    if sub is None:
        return
    label = "revocation" if result.code is Code.OK else str(result.code)
    outcome.fail(indication, sub, f"{label}: {result.message}" if result.message else label)


async def report_with_own_verifier(
    embedded: EmbeddedPdfSignature,
    judge: CertificateJudge,
    evidence: Evidence,
    *,
    archived: bool,
) -> SignatureReport:
    """The report on one GOST (or otherwise pyHanko-foreign) PDF signature."""
    der = bytes(embedded.pkcs7_content)
    try:
        parsed = parse_cms(der)
        cert = x509.Certificate.load(parsed.signer_cert_der)
        content = covered_bytes(embedded)
        coverage, modified, constraint = _coverage(embedded)
    except (CmsError, ValueError, TypeError, KeyError) as exc:
        problem = exc.message if isinstance(exc, CmsError) else str(exc)
        return unprocessable(
            "FORMAT_FAILURE", f"the signature cannot be read: {problem}", coverage="partial"
        )
    outcome = _Outcome()
    failure = _signature_failure(parsed, content, cert, judge.registry)
    if failure is not None:
        outcome.fail(*failure)
    poe, stamp_problems = await _timestamps(der, parsed, judge, evidence)
    judged = await judge.judge(
        parsed.signer_cert_der,
        purpose="sign",
        at=poe,
        intermediates=[*parsed.other_certs_der, *evidence.certificates],
        crls=evidence.crls,
        ocsps=evidence.ocsps,
    )
    _certificate_outcome(outcome, judged, poe, parsed.signing_time)
    if coverage == "partial":
        outcome.fail("TOTAL-FAILED", "FORMAT_FAILURE", "the signature does not cover its revision")
    if constraint is not None:
        outcome.fail("INDETERMINATE", "SIG_CONSTRAINTS_FAILURE", constraint)
    if stamp_problems and poe is None:
        outcome.fail("INDETERMINATE", "SIG_CRYPTO_FAILURE", stamp_problems[0])
    outcome.problems.extend(p for p in stamp_problems if p not in outcome.problems)
    identity = judged.result.identity or read_identity(cert)
    return SignatureReport(
        valid=outcome.indication == "TOTAL-PASSED",
        indication=outcome.indication,
        sub_indication=outcome.sub,
        level=_level(poe, evidence, judged, archived),
        signer=signer_of(identity, format(cert.serial_number, "x"), dn_text(cert.issuer)),
        signing_time=parsed.signing_time,
        timestamp_time=poe,
        revocation=judged.result.revocation.status,
        coverage=coverage,
        modified_after_signing=modified,
        problems=outcome.problems,
    )
