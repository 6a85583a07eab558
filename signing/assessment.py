"""Assessing one certificate from scratch: the cold path behind every cached verdict.

In order: parse the certificate (a broken encoding is "malformed", not a crash later), refuse
unsupported or weak algorithms, load the public key, build a path to a configured anchor
(fetching missing issuers from caIssuers URLs, only from allowed hosts, under the request's
budget), check the revocation of every certificate in the path (CRL and OCSP), and say how long
the verdict stays true: until the earliest next update of the revocation data used, expiry of
a certificate in the path, or ``max_cache_seconds``.  :class:`signing.verify.Verifier` caches
what this returns; nothing here is on the warm path.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from asn1crypto import x509
from cryptography.hazmat.primitives.serialization import load_der_public_key
from pyhanko_certvalidator.path import ValidationPath

from signing.algorithms import AlgorithmRegistry
from signing.chain import ChainOutcome, validate_chain
from signing.encoding import DecodeError
from signing.identity import dn_text, read_identity
from signing.memo import BoundedCache
from signing.policy import VerificationPolicy
from signing.result import ChainEntry, Code, Identity, Revocation
from signing.revocation.cache import RevocationCache
from signing.revocation.checker import RevocationChecker
from signing.revocation.crl import CrlStore
from signing.revocation.fetch import BudgetExhaustedError, Fetcher, FetchError
from signing.revocation.ocsp import OcspStore
from signing.revocation.preloaded import preloaded_crls
from signing.trust import parse_certificates
from signing.verdict import CACHEABLE_NEGATIVE, CertVerdict, chain_entry, hex_serial

log = logging.getLogger(__name__)

AIA_DEPTH = 4
# caIssuers answers kept in process (the URLs come from requests).
MAX_AIA_ENTRIES = 256


@dataclass(slots=True)
class _Draft:
    """What is known of the certificate so far: every verdict, even an early refusal, says it."""

    validation_time: datetime
    started: float  # time.time() when the assessment began; a verdict's lifetime counts from it
    identity: Identity | None = None
    is_ca: bool = False
    serial: str | None = None
    issuer: str | None = None
    not_before: datetime | None = None
    not_after: datetime | None = None
    chain: tuple[ChainEntry, ...] = ()
    revocation: Revocation = field(default_factory=Revocation)
    public_key: Any = None
    spki_der: bytes = b""


class CertificateAssessor:
    """Assesses certificates under one policy against the verifier's anchors and intermediates.

    Owns the revocation layer (CRL and OCSP stores over the shared cache, preloaded CRLs) and
    the caIssuers answers; fetches through the verifier's ``fetcher`` (``None`` in the
    revocation stores when the policy is offline).
    """

    def __init__(
        self,
        policy: VerificationPolicy,
        registry: AlgorithmRegistry,
        anchors: list[x509.Certificate],
        intermediates: list[x509.Certificate],
        cache: RevocationCache,
        fetcher: Fetcher,
    ) -> None:
        self.policy = policy
        self.registry = registry
        self.anchors = anchors
        self.intermediates = intermediates
        self._fetcher = fetcher
        self._preloaded = preloaded_crls(policy.crl_files)
        online = None if policy.offline else fetcher
        self._checker = RevocationChecker(
            CrlStore(cache, online),
            OcspStore(cache, online, policy.ocsp_default_ttl),
            registry,
            use_crl=policy.use_crl,
            use_ocsp=policy.use_ocsp,
        )
        self._aia: BoundedCache[str, list[x509.Certificate]] = BoundedCache(
            MAX_AIA_ENTRIES, policy.max_cache_seconds
        )

    async def assess_der(
        self,
        cert_der: bytes,
        at: datetime | None,
        extra_certs: Sequence[bytes],
        crls: Sequence[bytes],
        ocsps: Sequence[bytes],
    ) -> CertVerdict:
        """The verdict on a DER certificate at ``at`` (None: now, the cacheable case)."""
        moment = at or datetime.now(UTC)
        try:
            cert = x509.Certificate.load(cert_der)
            extra = [c for blob in extra_certs for c in parse_certificates(blob)]
        except (ValueError, TypeError, DecodeError) as exc:
            draft = _Draft(moment, 0.0)
            return _verdict(draft, Code.MALFORMED, f"not a certificate: {exc}", 0.0)
        return await self.assess(cert, moment, extra, crls, ocsps, retroactive=at is not None)

    async def assess(
        self,
        cert: x509.Certificate,
        moment: datetime,
        extra_certs: Sequence[x509.Certificate],
        crls: Sequence[bytes],
        ocsps: Sequence[bytes],
        *,
        retroactive: bool,
    ) -> CertVerdict:
        draft = _Draft(moment, time.time())
        refusal = self._read(cert, draft)
        if refusal is None:
            refusal = self._load_key(cert, draft)
        if refusal is not None:
            return refusal
        outcome, others = await self._validate_path(cert, moment, extra_certs)
        if outcome.path is None:
            return self._refuse(draft, outcome.code, outcome.message)
        draft.chain = tuple(chain_entry(c) for c in reversed(list(outcome.path.iter_certs(True))))
        return await self._check_revocation(
            draft, outcome.path, others, crls, ocsps, retroactive=retroactive
        )

    def _refuse(self, draft: _Draft, code: Code, message: str) -> CertVerdict:
        """A negative verdict; remembered briefly only when it is the certificate's own."""
        ttl = self.policy.negative_cache_seconds if code in CACHEABLE_NEGATIVE else 0.0
        return _verdict(draft, code, message, ttl)

    def _read(self, cert: x509.Certificate, draft: _Draft) -> CertVerdict | None:
        """Fill the draft from the certificate; refuse a broken one or a weak algorithm."""
        try:
            _ = cert.native  # full parse: a broken encoding is "malformed", not a crash later
            draft.serial = hex_serial(cert.serial_number)
            draft.issuer = dn_text(cert.issuer)
            draft.not_before = cert.not_valid_before
            draft.not_after = cert.not_valid_after
            draft.is_ca = bool(cert.ca)
            draft.identity = read_identity(cert)
            draft.chain = (chain_entry(cert),)
            draft.spki_der = bytes(cert.public_key.dump())
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            return self._refuse(draft, Code.MALFORMED, f"certificate could not be parsed: {exc}")
        problem = self.registry.certificate_problem(cert)
        if problem is None:
            return None
        code = Code.UNSUPPORTED_ALGORITHM if problem[0] == "unsupported" else Code.WEAK_ALGORITHM
        return self._refuse(draft, code, problem[1])

    def _load_key(self, cert: x509.Certificate, draft: _Draft) -> CertVerdict | None:
        """Load the public key, unless a plug-in (GOST) verifies with the SPKI itself."""
        try:
            if self.registry.plugin_for(cert.public_key["algorithm"]["algorithm"].dotted) is None:
                draft.public_key = load_der_public_key(draft.spki_der)
        except (ValueError, TypeError) as exc:
            return self._refuse(draft, Code.MALFORMED, f"public key could not be loaded: {exc}")
        return None

    async def _validate_path(
        self, cert: x509.Certificate, moment: datetime, extra_certs: Sequence[x509.Certificate]
    ) -> tuple[ChainOutcome, list[x509.Certificate]]:
        """A path to an anchor, and the intermediates it was built from (with caIssuers')."""
        others = [*self.intermediates, *extra_certs]
        outcome = await validate_chain(cert, self.anchors, others, moment, self.registry)
        if outcome.missing_issuer and not self.policy.offline:
            fetched = await self._aia_certs(cert)
            if fetched:
                others = [*others, *fetched]
                outcome = await validate_chain(cert, self.anchors, others, moment, self.registry)
        return outcome, others

    async def _check_revocation(
        self,
        draft: _Draft,
        path: ValidationPath,
        others: list[x509.Certificate],
        crls: Sequence[bytes],
        ocsps: Sequence[bytes],
        *,
        retroactive: bool,
    ) -> CertVerdict:
        revocation = await self._checker.check_path(
            path,
            self.anchors,
            others,
            draft.validation_time,
            fetch_time=datetime.now(UTC),
            supplied_crls=[*crls, *self._preloaded.current()],
            supplied_ocsps=ocsps,
            retroactive=retroactive,
        )
        draft.revocation = revocation.revocation
        if revocation.status == "revoked":
            return self._refuse(draft, Code.REVOKED, revocation.message)
        if revocation.status == "unknown":
            if self.policy.revocation_mode == "hard":
                return self._refuse(draft, Code.REVOCATION_UNKNOWN, revocation.message)
            # Soft-fail: accept, say so, and try again soon.
            ttl = self.policy.negative_cache_seconds
            return _verdict(draft, Code.OK, revocation.message, ttl)
        limits = [draft.started + self.policy.max_cache_seconds]
        if revocation.expires_at is not None:
            limits.append(revocation.expires_at.timestamp())
        if self._preloaded.next_update is not None:
            limits.append(self._preloaded.next_update.timestamp())
        limits.extend(entry.not_after.timestamp() for entry in draft.chain)
        return _verdict(draft, Code.OK, "", min(limits) - draft.started)

    async def _aia_certs(self, cert: x509.Certificate) -> list[x509.Certificate]:
        """Issuers named by caIssuers URLs, followed up to AIA_DEPTH levels."""
        found: list[x509.Certificate] = []
        frontier = [cert]
        for _ in range(AIA_DEPTH):
            next_frontier: list[x509.Certificate] = []
            for current in frontier:
                for url in _ca_issuer_urls(current):
                    for issuer in await self._aia_fetch(url):
                        if issuer.self_signed == "no":
                            next_frontier.append(issuer)
                        found.append(issuer)
            if not next_frontier:
                break
            frontier = next_frontier
        return found

    async def _aia_fetch(self, url: str) -> list[x509.Certificate]:
        """Certificates at a caIssuers URL; the URL is the certificate holder's choice, so it
        is fetched only from an allowed host (the fetcher's rule), under the budget."""
        cached = self._aia.get(url)
        if cached is not None:
            return cached
        try:
            found = parse_certificates(await self._fetcher.get(url, untrusted=True))
        except BudgetExhaustedError as exc:
            log.info("AIA fetch skipped: %s", exc)
            return []  # this request's budget, not the URL: ask again next time
        except (FetchError, DecodeError, ValueError, TypeError) as exc:
            log.info("AIA fetch failed: %s", exc)
            self._aia.set(url, [], ttl=self.policy.negative_cache_seconds)
            return []
        self._aia.set(url, found)
        return found


def _ca_issuer_urls(cert: x509.Certificate) -> list[str]:
    """The certificate's caIssuers HTTP(S) URLs, in order."""
    urls: list[str] = []
    for access in cert.authority_information_access_value or []:
        if access["access_method"].native != "ca_issuers":
            continue
        location = access["access_location"]
        if location.name != "uniform_resource_identifier":
            continue
        url = str(location.native)
        if url.lower().startswith(("http://", "https://")):
            urls.append(url)
    return urls


def _verdict(draft: _Draft, code: Code, message: str, ttl: float) -> CertVerdict:
    return CertVerdict(
        code=code,
        message=message,
        identity=draft.identity,
        is_ca=draft.is_ca,
        serial=draft.serial,
        issuer=draft.issuer,
        not_before=draft.not_before,
        not_after=draft.not_after,
        chain=draft.chain,
        revocation=draft.revocation,
        public_key=draft.public_key,
        spki_der=draft.spki_der,
        validation_time=draft.validation_time,
        expires_at=draft.started + ttl,
    )
