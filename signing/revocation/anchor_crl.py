"""CRLs signed by a trust anchor that is not self-signed.

NCA relying parties commonly configure the *issuing* CA as the trust anchor (the root is not
distributed with the test material, for one).  pyhanko-certvalidator cannot place such a CRL
issuer in a path (it looks for the anchor's own issuer), so for exactly this case the CRL is
checked here, with the same rules: issuer name and key identifier match the anchor, the
signature verifies with the anchor's key under our algorithm policy, no unknown critical
extension, the issuing distribution point (if any) matches the certificate's, it is not a
delta or indirect CRL, and it is fresh at the validation time.  The anchor needs no path: it
is trusted by configuration.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from asn1crypto import crl, x509
from cryptography.exceptions import InvalidSignature
from pyhanko_certvalidator.sig_validate import SignatureValidator

from signing.algorithms import AlgorithmRegistry, UnsupportedAlgorithmError

KNOWN_CRITICAL = frozenset({"issuing_distribution_point", "crl_number", "authority_key_identifier"})
TOLERANCE = timedelta(seconds=1)


@dataclass(frozen=True)
class AnchorCrlResult:
    status: str  # good | revoked | unusable | not_applicable
    this_update: datetime | None = None
    revoked_at: datetime | None = None
    reason: str | None = None
    problem: str = ""


def _idp_matches(idp: crl.IssuingDistributionPoint, cert: x509.Certificate) -> str | None:
    if idp["indirect_crl"].native or idp["only_some_reasons"].native is not None:
        return "indirect or partitioned-by-reason CRLs are not supported here"
    if idp["only_contains_ca_certs"].native or idp["only_contains_attribute_certs"].native:
        return "CRL scope excludes end-entity certificates"
    point = idp["distribution_point"]
    if point.native is None or point.name != "full_name":
        return None
    idp_urls = {name.native for name in point.chosen if name.name == "uniform_resource_identifier"}
    cert_urls = {p.url for p in cert.crl_distribution_points if p.url}
    if idp_urls and not idp_urls & cert_urls:
        return "CRL issuing distribution point does not match the certificate"
    return None


def check_anchor_crl(
    cert: x509.Certificate,
    anchor: x509.Certificate,
    crl_ders: Sequence[bytes],
    moment: datetime,
    registry: AlgorithmRegistry,
    *,
    retroactive: bool,
) -> AnchorCrlResult:
    """The first CRL of ``anchor`` that covers ``cert`` decides; the others say why not."""
    problems: list[str] = []
    validator = registry.validator()
    for der in crl_ders:
        try:
            outcome = _check_one(der, cert, anchor, moment, registry, validator, retroactive)
        except InvalidSignature:
            problems.append("CRL signature does not verify with the anchor's key")
            continue
        except (UnsupportedAlgorithmError, ValueError, TypeError, KeyError) as exc:
            problems.append(f"CRL unreadable: {exc}")
            continue
        if outcome.status == "unusable":
            problems.append(outcome.problem)
        elif outcome.status != "not_applicable":
            return outcome
    if problems:
        return AnchorCrlResult("unusable", problem="; ".join(problems))
    return AnchorCrlResult("not_applicable")


def _check_one(
    der: bytes,
    cert: x509.Certificate,
    anchor: x509.Certificate,
    moment: datetime,
    registry: AlgorithmRegistry,
    validator: SignatureValidator,
    retroactive: bool,
) -> AnchorCrlResult:
    """One CRL: not_applicable (not the anchor's, or a delta), unusable, good or revoked."""
    certificate_list = crl.CertificateList.load(der)
    tbs = certificate_list["tbs_cert_list"]
    if not _issued_by_anchor(certificate_list, cert, anchor):
        return AnchorCrlResult("not_applicable")
    problem = _scope_problem(certificate_list, cert, registry)
    if problem is not None:
        return AnchorCrlResult("unusable", problem=problem)
    validator.validate_signature(
        certificate_list["signature"].native,
        tbs.dump(),
        anchor.public_key,
        certificate_list["signature_algorithm"],
    )
    this_update: datetime = tbs["this_update"].native
    next_update: datetime | None = tbs["next_update"].native
    if not retroactive and moment + TOLERANCE < this_update:
        return AnchorCrlResult("unusable", problem="CRL issued after the validation time")
    if next_update is None or moment - TOLERANCE > next_update:
        return AnchorCrlResult("unusable", problem="CRL is stale at the validation time")
    return _entry_status(tbs, cert, moment, this_update)


def _issued_by_anchor(
    certificate_list: crl.CertificateList, cert: x509.Certificate, anchor: x509.Certificate
) -> bool:
    """A full CRL of the anchor, which issued ``cert``."""
    tbs = certificate_list["tbs_cert_list"]
    if tbs["issuer"] != anchor.subject or cert.issuer != anchor.subject:
        return False
    aki = certificate_list.authority_key_identifier
    if aki is not None and anchor.key_identifier and aki != anchor.key_identifier:
        return False
    return certificate_list.delta_crl_indicator_value is None


def _scope_problem(
    certificate_list: crl.CertificateList, cert: x509.Certificate, registry: AlgorithmRegistry
) -> str | None:
    """Why the CRL cannot be used for ``cert`` before its signature is even checked."""
    unknown = certificate_list.critical_extensions - KNOWN_CRITICAL
    if unknown:
        return f"unknown critical CRL extensions {sorted(unknown)}"
    idp = certificate_list.issuing_distribution_point_value
    if idp is not None:
        mismatch = _idp_matches(idp, cert)
        if mismatch:
            return mismatch
    weak = registry.signature_algorithm_problem(certificate_list["signature_algorithm"])
    if weak is not None:
        return f"CRL signature: {weak[1]}"
    return None


def _entry_status(
    tbs: crl.TbsCertList, cert: x509.Certificate, moment: datetime, this_update: datetime
) -> AnchorCrlResult:
    """Revoked if the CRL lists ``cert`` as revoked by ``moment``, else good."""
    for entry in tbs["revoked_certificates"] or []:
        if entry["user_certificate"].native != cert.serial_number:
            continue
        revoked_at: datetime = entry["revocation_date"].native
        reason = entry.crl_reason_value
        reason_text = reason.native if reason is not None else "unspecified"
        if reason_text == "remove_from_crl" or revoked_at > moment:
            break
        return AnchorCrlResult("revoked", this_update, revoked_at, str(reason_text))
    return AnchorCrlResult("good", this_update)
