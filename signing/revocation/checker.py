"""Revocation status of every non-anchor certificate of a validated path.

For each certificate: gather CRLs (supplied ones plus its distribution points and delta CRLs)
and OCSP responses (supplied plus its AIA responder: :mod:`signing.revocation.gather`), then
let pyhanko-certvalidator judge each source separately -- CRL signature, issuer and scope,
OCSP signature, delegated responder authorisation (issued by the CA, id-kp-OCSPSigning),
CertID match, freshness. Both sources are always consulted when available; a revocation found
in either wins; "good" from one of them is enough otherwise.  No usable answer is ``unknown``
(hard-fail turns that into ``revocation_unknown``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from asn1crypto import crl, x509
from pyhanko_certvalidator.context import ValidationContext
from pyhanko_certvalidator.errors import (
    CRLNoMatchesError,
    CRLValidationError,
    OCSPNoMatchesError,
    OCSPValidationError,
    RevokedError,
)
from pyhanko_certvalidator.path import ValidationPath
from pyhanko_certvalidator.policy_decl import CertRevTrustPolicy
from pyhanko_certvalidator.revinfo.validate_crl import verify_crl
from pyhanko_certvalidator.revinfo.validate_ocsp import verify_ocsp_response

from signing.algorithms import AlgorithmRegistry, UnsupportedAlgorithmError
from signing.chain import NO_REVOCATION, validation_context
from signing.identity import dn_text
from signing.result import Revocation, RevocationSource
from signing.revocation.anchor_crl import check_anchor_crl
from signing.revocation.crl import CrlStore
from signing.revocation.gather import Gathered, RevocationGatherer
from signing.revocation.ocsp import OcspStore, read_ocsp_response


@dataclass
class CertRevocation:
    status: str  # good | revoked | unknown
    source: RevocationSource | None = None
    revoked_at: datetime | None = None
    reason: str | None = None
    checked_at: datetime | None = None
    next_update: datetime | None = None
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Source:
    """How certvalidator judges one kind of revocation data, and what its failures say."""

    name: RevocationSource
    verify: Callable[[x509.Certificate, ValidationPath, ValidationContext], Awaitable[object]]
    no_match: type[Exception]
    invalid: type[Exception]
    no_match_problem: str
    unusable: str


_OCSP = _Source(
    name="ocsp",
    verify=verify_ocsp_response,
    no_match=OCSPNoMatchesError,
    invalid=OCSPValidationError,
    no_match_problem="no OCSP response matches the certificate",
    unusable="OCSP response unusable",
)
_CRL = _Source(
    name="crl",
    verify=verify_crl,
    no_match=CRLNoMatchesError,
    invalid=CRLValidationError,
    no_match_problem="no CRL covers the certificate",
    unusable="CRL unusable",
)


@dataclass
class PathRevocation:
    status: str  # good | revoked | unknown
    revocation: Revocation
    message: str
    expires_at: datetime | None


class RevocationChecker:
    def __init__(
        self,
        crls: CrlStore,
        ocsps: OcspStore,
        registry: AlgorithmRegistry,
        *,
        use_crl: bool = True,
        use_ocsp: bool = True,
    ) -> None:
        self._gatherer = RevocationGatherer(crls, ocsps, use_crl=use_crl, use_ocsp=use_ocsp)
        self._registry = registry

    async def _judge_ocsp(
        self,
        cert: x509.Certificate,
        path: ValidationPath,
        context_args: dict[str, Any],
        found: Gathered,
    ) -> CertRevocation | bool:
        """Revocation, True for good, False for no answer (problems recorded)."""
        context = partial(validation_context, **context_args, ocsps=found.ocsps)
        return await self._judge(_OCSP, cert, path, context, found)

    async def _judge_crl(
        self,
        cert: x509.Certificate,
        path: ValidationPath,
        context_args: dict[str, Any],
        found: Gathered,
        retroactive: bool,
    ) -> CertRevocation | bool:
        anchor = _anchor_issuer(cert, path)
        if anchor is not None:
            # certvalidator cannot place a CRL signed by a non-self-signed anchor.
            checked = check_anchor_crl(
                cert,
                anchor,
                found.crls,
                context_args["moment"],
                self._registry,
                retroactive=retroactive,
            )
            if checked.status == "revoked":
                return CertRevocation(
                    status="revoked",
                    source="crl",
                    revoked_at=checked.revoked_at,
                    reason=checked.reason,
                )
            if checked.status == "good":
                found.crl_this_update = found.crl_this_update or checked.this_update
                return True
            found.problems.append(checked.problem or "no CRL covers the certificate")
            return False
        context = partial(validation_context, **context_args, crls=found.crls)
        verdict = await self._judge(_CRL, cert, path, context, found)
        if verdict is True:
            found.crl_this_update = found.crl_this_update or _first_this_update(found.crls)
        return verdict

    async def _judge(
        self,
        source: _Source,
        cert: x509.Certificate,
        path: ValidationPath,
        context: Callable[[], ValidationContext],
        found: Gathered,
    ) -> CertRevocation | bool:
        """certvalidator's judgement of one source: revocation, True for good, False for no
        usable answer (the problem recorded in ``found``). The context is built inside: data
        it cannot read is an unusable answer too."""
        try:
            await source.verify(cert, path, context())
        except RevokedError as exc:
            return self._revoked(exc, source.name)
        except source.no_match:
            found.problems.append(source.no_match_problem)
        except (source.invalid, UnsupportedAlgorithmError, ValueError) as exc:
            found.problems.append(f"{source.unusable}: {_failures(exc)}")
        else:
            return True
        return False

    async def _check_cert(
        self,
        cert: x509.Certificate,
        path: ValidationPath,
        context_args: dict[str, Any],
        fetch_time: datetime,
        supplied: tuple[Sequence[bytes], Sequence[bytes]],
        retroactive: bool,
    ) -> CertRevocation:
        issuer = path.find_issuing_authority(cert)
        found = await self._gatherer.gather(cert, issuer.public_key, fetch_time, *supplied)
        good_sources: list[RevocationSource] = []
        # Both sources are judged whenever there is data; a revocation in either wins.
        if found.ocsps:
            verdict = await self._judge_ocsp(cert, path, context_args, found)
            if isinstance(verdict, CertRevocation):
                return verdict
            if verdict:
                good_sources.append("ocsp")
        if found.crls:
            verdict = await self._judge_crl(cert, path, context_args, found, retroactive)
            if isinstance(verdict, CertRevocation):
                return verdict
            if verdict:
                good_sources.append("crl")
        outcome = CertRevocation(status="unknown", problems=found.problems)
        if not found.crls and not found.ocsps and not found.problems:
            outcome.problems.append("no CRL or OCSP data could be obtained")
        if good_sources:
            outcome.status = "good"
            outcome.source = good_sources[0]
            if good_sources[0] == "ocsp":
                outcome.checked_at = read_ocsp_response(
                    found.ocsps[-1], cert.serial_number
                ).this_update
            else:
                outcome.checked_at = found.crl_this_update
            outcome.next_update = min(found.expiries) if found.expiries else None
        return outcome

    @staticmethod
    def _revoked(exc: RevokedError, source: RevocationSource) -> CertRevocation:
        reason = exc.reason.native if exc.reason is not None else None
        return CertRevocation(
            status="revoked",
            source=source,
            revoked_at=exc.revocation_dt,
            reason=str(reason) if reason is not None else "unspecified",
        )

    async def check_path(
        self,
        path: ValidationPath,
        anchors: Sequence[x509.Certificate],
        others: Sequence[x509.Certificate],
        moment: datetime,
        fetch_time: datetime,
        supplied_crls: Sequence[bytes] = (),
        supplied_ocsps: Sequence[bytes] = (),
        retroactive: bool = False,
    ) -> PathRevocation:
        # Leaf first, so the reported status is the end entity's unless a CA is the problem.
        certs = list(path.iter_certs(include_root=False))
        certs.reverse()
        # Anchors go in as plain certificates too: certvalidator looks CRL issuers and OCSP
        # responders up among known certificates, and with an issuing CA as the anchor
        # (NCA's usual set-up) the CRL issuer *is* the anchor.
        path_others = [*anchors, *others, *certs]
        unknown: list[str] = []
        leaf: CertRevocation | None = None
        expiries: list[datetime] = []
        context_args: dict[str, Any] = {
            "anchors": anchors,
            "others": path_others,
            "moment": moment,
            "registry": self._registry,
            "revinfo_policy": CertRevTrustPolicy(
                NO_REVOCATION.revocation_checking_policy, retroactive_revinfo=retroactive
            ),
        }
        for cert in certs:
            result = await self._check_cert(
                cert,
                path,
                context_args,
                fetch_time,
                (supplied_crls, supplied_ocsps),
                retroactive,
            )
            subject = dn_text(cert.subject)
            if result.status == "revoked":
                return PathRevocation(
                    status="revoked",
                    revocation=Revocation(
                        status="revoked",
                        source=result.source,
                        revoked_at=result.revoked_at,
                        reason=result.reason,
                        subject=subject,
                    ),
                    message=f"{subject} revoked ({result.reason}) per {result.source}",
                    expires_at=None,
                )
            if result.status == "unknown":
                unknown.append(f"{subject}: {'; '.join(result.problems)}")
            elif result.next_update is not None:
                expiries.append(result.next_update)
            if leaf is None:
                leaf = result
        assert leaf is not None or not certs
        if unknown:
            return PathRevocation(
                status="unknown",
                revocation=Revocation(status="unknown"),
                message="no usable revocation information for " + " | ".join(unknown),
                expires_at=None,
            )
        return PathRevocation(
            status="good",
            revocation=Revocation(
                status="good",
                source=leaf.source if leaf else None,
                checked_at=leaf.checked_at if leaf else None,
                next_update=leaf.next_update if leaf else None,
            ),
            message="",
            expires_at=min(expiries) if expiries else None,
        )


def _anchor_issuer(cert: x509.Certificate, path: ValidationPath) -> x509.Certificate | None:
    """The anchor certificate when it issued ``cert`` and is not self-signed."""
    anchor = path.trust_anchor.authority
    anchor_cert = getattr(anchor, "certificate", None)
    if anchor_cert is None or anchor_cert.self_signed != "no":
        return None
    return anchor_cert if anchor.is_potential_issuer_of(cert) else None


def _first_this_update(crl_data: Sequence[bytes]) -> datetime | None:
    try:
        value: datetime = crl.CertificateList.load(crl_data[0])["tbs_cert_list"][
            "this_update"
        ].native
    except (ValueError, IndexError):
        return None
    return value


def _failures(exc: Exception) -> str:
    failures = getattr(exc, "failures", None)
    if failures:
        return "; ".join(str(f[0]) if isinstance(f, tuple) else str(f) for f in failures)
    return str(exc)
