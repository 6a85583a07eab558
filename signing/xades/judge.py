"""Certificate checks for the verifier: embedded validation data first, the network second.

Both passes are :class:`signing.verify.Verifier` -- path validation to the caller's trust
anchors, CRL *and* OCSP checked with pyhanko-certvalidator -- in soft revocation mode, so
that "no revocation answer" comes back as a status to report (TRY_LATER) rather than as a
failure code.  The first pass is offline and sees only what the document carries
(``ds:KeyInfo``, ``xades:CertificateValues``, ``xades:RevocationValues``, the TSA's token):
when that settles the revocation question, the document is genuinely B-LT and verifies
without a network, years from now.  Only if it does not (a B-B/B-T document, or LT data
that do not cover the chain), the second pass adds the deployment's own sources, as
intake does (:class:`signing.policy.VerificationPolicy`): the preloaded CRL files
(``QAQPA_CRL_FILES``), and unless fetching is off (the caller, or ``QAQPA_OFFLINE``) CRLs,
OCSP answers and AIA certificates fetched -- through the URL rewrites to a mirror and under
the rules of :mod:`signing.revocation.fetch`: never from a host the submitted document
alone names.  The algorithm flags of the policy (GOST 2015-256) hold in both passes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import msgspec
from asn1crypto import x509

from signing.algorithms import AlgorithmRegistry
from signing.policy import VerificationPolicy
from signing.result import Code, KeyPurpose, VerificationResult
from signing.revocation.fetch import FetchLimits
from signing.verdict import KEYLESS_VERDICTS
from signing.verify import Verifier


@dataclass(frozen=True, slots=True)
class Judgement:
    result: VerificationResult
    embedded_sufficient: bool  # the document's own data settled chain and revocation


def _settled(result: VerificationResult) -> bool:
    return result.code is not Code.UNTRUSTED and result.revocation.status in ("good", "revoked")


class CertificateJudge:
    """Judges certificates against ``trust``; use as an async context manager."""

    def __init__(
        self,
        trust: Sequence[x509.Certificate],
        *,
        allow_fetching: bool,
        test_pki: bool = False,
        intermediates: Sequence[x509.Certificate] = (),
        limits: FetchLimits | None = None,
        policy: VerificationPolicy | None = None,
    ) -> None:
        base = policy if policy is not None else VerificationPolicy()
        fetch = limits if limits is not None else base.fetch
        # First pass: what the document carries, nothing else (is it genuinely B-LT?).
        embedded = msgspec.structs.replace(
            base,
            trust_anchors=(),
            intermediates=(),
            revocation_mode="soft",
            offline=True,
            test_pki=test_pki or base.test_pki,
            validation_time="now",
            crl_files=(),
        )
        self._offline = Verifier(embedded, anchors=trust, intermediates=intermediates)
        # Second pass: the deployment's own revocation sources as intake uses them --
        # preloaded CRL files, URL rewrites to a mirror -- and the network unless fetching is
        # off (by the caller, or by QAQPA_OFFLINE).
        self._online: Verifier | None = None
        fetching = allow_fetching and not base.offline
        if fetching or base.crl_files:
            # CRL/OCSP only for certificates placed under ``trust``; caIssuers only from the
            # hosts ``trust`` and ``intermediates`` name or ``limits`` allows; within its caps.
            online = msgspec.structs.replace(
                embedded, offline=not fetching, fetch=fetch, crl_files=base.crl_files
            )
            self._online = Verifier(online, anchors=trust, intermediates=intermediates)

    @property
    def registry(self) -> AlgorithmRegistry:
        """The algorithm policy the certificate checks apply (for other signatures too)."""
        return self._offline.registry

    async def __aenter__(self) -> CertificateJudge:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._offline.aclose()
        if self._online is not None:
            await self._online.aclose()

    async def judge(
        self,
        cert_der: bytes,
        *,
        purpose: KeyPurpose | None,
        at: datetime | None,
        intermediates: Sequence[bytes],
        crls: Sequence[bytes],
        ocsps: Sequence[bytes],
    ) -> Judgement:
        async def check(verifier: Verifier) -> VerificationResult:
            return await verifier.check_certificate(
                cert_der,
                purpose=purpose,
                at=at,
                intermediates=intermediates,
                crls=crls,
                ocsp_responses=ocsps,
            )

        result = await check(self._offline)
        # Fetching cannot change a settled verdict or a keyless one.
        if _settled(result) or self._online is None or result.code in KEYLESS_VERDICTS:
            return Judgement(result, _settled(result))
        return Judgement(await check(self._online), False)
