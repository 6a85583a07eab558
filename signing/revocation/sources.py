"""Where signing finds the revocation data it embeds (B-LT), beyond the certificates' URLs.

The verifier reads an operator's preloaded CRL files (``QAQPA_CRL_FILES``), rewrites CRL and
OCSP URLs to a mirror (``QAQPA_REVOCATION_URL_REWRITE``) and, offline, fetches nothing
(:mod:`signing.revocation.preloaded`). Signing must embed the same data the verifier accepts,
or a deployment whose verifier works from a closed network could never sign at B-LT: so the
collector of :mod:`signing.xades.revinfo` (used for XAdES and for the PAdES DSS alike) takes
these sources from the same policy. Trust anchors need no revocation data: the verifier checks
none for them, and an NCA issuing CA configured as an anchor often names a CRL only the
internet has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from asn1crypto import x509

from signing.policy import VerificationPolicy
from signing.trust import load_certificates


@dataclass(frozen=True, kw_only=True)
class RevocationSources:
    crl_files: tuple[str, ...] = ()
    url_rewrite: tuple[tuple[str, str], ...] = ()
    offline: bool = False
    anchors: tuple[x509.Certificate, ...] = ()

    @classmethod
    def from_policy(
        cls, policy: VerificationPolicy, anchors: Sequence[x509.Certificate] | None = None
    ) -> RevocationSources:
        """The sources of ``policy``; ``anchors`` replaces the policy's anchor files."""
        found = load_certificates(policy.trust_anchors) if anchors is None else anchors
        return cls(
            crl_files=tuple(policy.crl_files),
            url_rewrite=tuple(policy.url_rewrite),
            offline=policy.offline,
            anchors=tuple(found),
        )

    def is_anchor(self, cert: x509.Certificate) -> bool:
        der = cert.dump()
        return any(anchor.dump() == der for anchor in self.anchors)
