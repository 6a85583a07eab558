"""The verifier: certificate checks, CMS and XML signatures, one result type.

Design for speed.  Everything about a certificate that does not depend on the request --
parsing, identity, path validation, revocation of every certificate in the path -- is one
*verdict*, cached per certificate (SHA-256 of its DER) until the earliest of: the next update
of any revocation data used, the expiry of any certificate in the path, and
``max_cache_seconds``.  A warm CMS verification therefore costs a lazy parse, a dict lookup,
one digest and one public-key operation.  Verdicts are cached only for "now" validations; an
explicit time (``at=``, or the genTime of a trusted signature timestamp under
``validation_time="signing_time"``) always takes the full path.  The signing-time attribute
is reported but never used as the validation time: the signer writes it, so a revoked or
expired certificate would pass with a signing-time from before.

Negative verdicts that are properties of the certificate itself (expired, revoked,
unsupported...) are remembered briefly; "untrusted" is never cached because it may depend
on intermediates sent with a particular request.

The verdict itself is :mod:`signing.assessment`'s work (the cold path); what a verdict is and
how a result is built from it, :mod:`signing.verdict`; CMS parsing and checks, :mod:`signing.cms`.
This module keeps the cache and the entry points, which make up the warm path.

Public functions never raise for bad input: they return a result with code ``malformed`` etc.
Each runs under a :class:`signing.revocation.fetch.FetchBudget` (URLs, time, size), and a
caIssuers URL is fetched only from a host our own certificates name or the allow-list has.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Sequence
from datetime import UTC, datetime
from typing import Any

import aiohttp
from asn1crypto import x509
from lxml import etree

from signing import xmldsig
from signing.algorithms import AlgorithmPlugin, AlgorithmRegistry
from signing.assessment import CertificateAssessor
from signing.cms.check import algorithm_findings, signature_findings
from signing.cms.parse import parse_cms, signature_timestamp_tokens
from signing.cms.parsed import CmsError, ParsedCms
from signing.encoding import DecodeError, decode_one
from signing.gost.plugin import GostPlugin
from signing.memo import BoundedCache
from signing.policy import VerificationPolicy
from signing.result import Code, KeyPurpose, VerificationResult, VerifiedKind, malformed
from signing.revocation.cache import InMemoryRevocationCache, RevocationCache
from signing.revocation.crl import RefreshReport, refresh_crls
from signing.revocation.fetch import Fetcher, allowed_hosts, fetch_budget
from signing.tokens import read_token, token_problem
from signing.trust import load_certificates
from signing.verdict import KEYLESS_VERDICTS, CertVerdict, verification_result

log = logging.getLogger(__name__)

MAX_VERDICTS = 50_000
# Algorithm findings kept in process (the algorithm identifiers come from requests).
MAX_ALGORITHM_ENTRIES = 256


class Verifier:
    """Verifies certificates and signatures under one :class:`VerificationPolicy`.

    Create one per process and share it: it owns the verdict cache, the parsed revocation
    layer and (unless given one) the HTTP session.  Raises ``TrustConfigError`` at
    construction when configured anchor/intermediate files cannot be read.  ``anchors`` and
    ``intermediates`` given as certificates replace the policy's files.
    """

    def __init__(
        self,
        policy: VerificationPolicy,
        *,
        cache: RevocationCache | None = None,
        session: aiohttp.ClientSession | None = None,
        plugins: Sequence[AlgorithmPlugin] | None = None,
        anchors: Sequence[x509.Certificate] | None = None,
        intermediates: Sequence[x509.Certificate] | None = None,
    ) -> None:
        self.policy = policy
        # GOST (NCA's own algorithms) is built in; ``plugins`` replaces the default set.
        gost = GostPlugin(unconfirmed=policy.gost2015_256)
        chosen = (gost,) if plugins is None else tuple(plugins)
        self.registry = AlgorithmRegistry(chosen, min_rsa_bits=policy.min_rsa_bits)
        self.anchors = (
            list(anchors) if anchors is not None else load_certificates(policy.trust_anchors)
        )
        self.intermediates = (
            list(intermediates)
            if intermediates is not None
            else load_certificates(policy.intermediates)
        )
        self.cache: RevocationCache = cache if cache is not None else InMemoryRevocationCache()
        self._fetcher = Fetcher(
            policy.fetch_timeout,
            policy.max_response_bytes,
            session,
            allowed=allowed_hosts(policy.fetch, [*self.anchors, *self.intermediates]),
            max_concurrent=policy.fetch.max_concurrent,
            rewrites=policy.url_rewrite,
        )
        self._assessor = CertificateAssessor(
            policy, self.registry, self.anchors, self.intermediates, self.cache, self._fetcher
        )
        self._verdicts: OrderedDict[bytes, CertVerdict] = OrderedDict()
        self._inflight: dict[bytes, asyncio.Task[CertVerdict]] = {}
        self._algo_findings: BoundedCache[tuple[str, bytes], list[tuple[Code, str]]] = BoundedCache(
            MAX_ALGORITHM_ENTRIES, policy.max_cache_seconds
        )

    async def __aenter__(self) -> Verifier:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._fetcher.aclose()

    def clear_cache(self) -> None:
        self._verdicts.clear()

    async def refresh_crls(self, urls: list[str] | None = None) -> RefreshReport:
        """Re-download known CRLs into the shared cache (for the worker cron)."""
        return await refresh_crls(self.cache, self._fetcher, urls)

    # -- certificate verdicts --------------------------------------------------------------

    async def _verdict(
        self,
        cert_der: bytes,
        at: datetime | None,
        *,
        extra_certs: Sequence[bytes] = (),
        crls: Sequence[bytes] = (),
        ocsps: Sequence[bytes] = (),
    ) -> CertVerdict:
        cacheable = at is None and not crls and not ocsps
        if not cacheable:
            return await self._assessor.assess_der(cert_der, at, extra_certs, crls, ocsps)
        key = hashlib.sha256(cert_der).digest()
        cached = self._verdicts.get(key)
        if cached is not None and cached.expires_at > time.time():
            return cached
        # A burst of requests signed with one certificate (a cold start, an expired entry)
        # shares one assessment instead of each fetching the same CRL and OCSP answers.
        task = self._inflight.get(key)
        if task is None:
            assessing = self._assessor.assess_der(cert_der, None, extra_certs, crls, ocsps)
            task = asyncio.create_task(self._remembered(key, assessing))
            self._inflight[key] = task
            task.add_done_callback(lambda _: self._inflight.pop(key, None))
        return await asyncio.shield(task)

    async def _remembered(self, key: bytes, assessing: Awaitable[CertVerdict]) -> CertVerdict:
        """The verdict ``assessing`` gives, remembered under ``key`` while it holds."""
        verdict = await assessing
        if verdict.expires_at > time.time():
            self._verdicts[key] = verdict
            if len(self._verdicts) > MAX_VERDICTS:
                self._verdicts.popitem(last=False)
        return verdict

    # -- entry points ------------------------------------------------------------------------

    async def check_certificate(
        self,
        certificate: bytes,
        *,
        purpose: KeyPurpose | None = "sign",
        expect_iin: str | None = None,
        expect_bin: str | None = None,
        at: datetime | None = None,
        intermediates: Sequence[bytes] = (),
        crls: Sequence[bytes] = (),
        ocsp_responses: Sequence[bytes] = (),
    ) -> VerificationResult:
        """Validate a certificate (PEM/DER) for ``purpose`` at ``at`` (default: now)."""
        try:
            der = decode_one(certificate)
        except DecodeError as exc:
            return malformed(f"unreadable input: {exc}")
        try:
            with fetch_budget(self.policy.fetch):
                verdict = await self._verdict(
                    der, at, extra_certs=intermediates, crls=crls, ocsps=ocsp_responses
                )
            return verification_result(
                verdict, [], "certificate", purpose, expect_iin, expect_bin, self.policy.test_pki
            )
        except Exception as exc:  # the contract is a verdict, never a crash
            log.exception("certificate check failed unexpectedly")
            return malformed(f"internal error while checking: {type(exc).__name__}")

    async def _moment(self, at: datetime | None, der: bytes, parsed: ParsedCms) -> datetime | None:
        """The validation time: ``at``; else, under ``signing_time``, the earliest genTime a
        trusted signature timestamp proves; else None (now).  Never the signing-time
        attribute: the signer writes that one."""
        if at is not None or self.policy.validation_time != "signing_time":
            return at
        proven: datetime | None = None
        for token in signature_timestamp_tokens(der):
            moment = await self._token_time(token, parsed)
            if moment is not None and (proven is None or moment < proven):
                proven = moment
        return proven

    async def _token_time(self, token: bytes, parsed: ParsedCms) -> datetime | None:
        """genTime of a token over this signature value whose TSA chains to our anchors."""
        try:
            info = read_token(token)
            problem = token_problem(info, parsed.signature, self.registry, "the signature value")
        except (ValueError, TypeError, KeyError) as exc:
            problem = str(exc)
        if problem is not None:
            log.info("signature timestamp ignored: %s", problem)
            return None
        verdict = await self._verdict(
            info.cms.signer_cert_der,
            info.gen_time,
            extra_certs=(*info.cms.other_certs_der, *parsed.other_certs_der),
        )
        # As for XAdES timestamps (signing.xades.stamps): the TSA must chain to our anchors at
        # genTime and not be revoked; TSA certificates often name no CRL or OCSP at all.
        if verdict.code not in (Code.OK, Code.REVOCATION_UNKNOWN):
            log.info("signature timestamp ignored: TSA %s: %s", verdict.code, verdict.message)
            return None
        return info.gen_time

    async def verify_cms(
        self,
        signature: bytes,
        document: bytes | None = None,
        *,
        expect_iin: str | None = None,
        expect_bin: str | None = None,
        at: datetime | None = None,
        intermediates: Sequence[bytes] = (),
        crls: Sequence[bytes] = (),
        ocsp_responses: Sequence[bytes] = (),
        purpose: KeyPurpose = "sign",
    ) -> VerificationResult:
        """Verify a CMS signature: detached when ``document`` is given, else attached.

        ``purpose``: what the signer's certificate must be for. Documents need ``sign``; a
        login (a signed nonce) needs ``auth``, which a GOST-2015 single key also serves.
        """
        kind: VerifiedKind = "cms_attached" if document is None else "cms_detached"
        try:
            der = signature if signature[:1] == b"\x30" else decode_one(signature)
            parsed = parse_cms(der)
        except CmsError as exc:
            return VerificationResult(valid=False, code=exc.code, message=exc.message, kind=kind)
        except (DecodeError, ValueError, TypeError) as exc:
            return malformed(f"unreadable input: {exc}", kind)
        try:
            with fetch_budget(self.policy.fetch):
                moment = await self._moment(at, der, parsed)
                verdict = await self._verdict(
                    parsed.signer_cert_der,
                    moment,
                    extra_certs=(*parsed.other_certs_der, *intermediates),
                    crls=crls,
                    ocsps=ocsp_responses,
                )
            algo_key = (parsed.digest_oid, parsed.signature_algorithm_der)
            findings = self._algo_findings.get(algo_key)
            if findings is None:
                findings = algorithm_findings(parsed, self.registry)
                self._algo_findings.set(algo_key, findings)
            if not findings and verdict.code not in KEYLESS_VERDICTS:
                content = document if document is not None else parsed.content
                findings = signature_findings(
                    parsed, content, verdict.public_key, verdict.spki_der, self.registry
                )
            return verification_result(
                verdict,
                findings,
                kind,
                purpose,
                expect_iin,
                expect_bin,
                self.policy.test_pki,
                parsed.signing_time,
            )
        except Exception as exc:  # the contract is a verdict, never a crash
            log.exception("CMS verification failed unexpectedly")
            return malformed(f"internal error while verifying: {type(exc).__name__}", kind)

    async def verify_cms_detached(
        self, document: bytes, signature: bytes, **kwargs: Any
    ) -> VerificationResult:
        return await self.verify_cms(signature, document, **kwargs)

    async def verify_cms_attached(self, cms: bytes, **kwargs: Any) -> VerificationResult:
        return await self.verify_cms(cms, None, **kwargs)

    async def verify_xml(self, xml: bytes, **kwargs: Any) -> VerificationResult:
        """Verify an enveloped XMLDSig signature."""
        result, _ = await self.verify_xml_signed(xml, **kwargs)
        return result

    async def verify_xml_signed(
        self,
        xml: bytes,
        *,
        expect_iin: str | None = None,
        expect_bin: str | None = None,
        at: datetime | None = None,
        intermediates: Sequence[bytes] = (),
        crls: Sequence[bytes] = (),
        ocsp_responses: Sequence[bytes] = (),
    ) -> tuple[VerificationResult, etree._Element | None]:
        """Verify an enveloped XMLDSig signature; with a valid result, also what it covers.

        The element is the signed XML as signxml rebuilt it from the canonical bytes it
        digested (:func:`signing.xmldsig.verified_signature`); content is read from it, not
        from the submitted bytes, so that what is used is exactly what was verified.
        """
        try:
            parsed = xmldsig.parse_xml(xml)
        except xmldsig.XmlError as exc:
            return VerificationResult(
                valid=False, code=exc.code, message=exc.message, kind="xmldsig"
            ), None
        except (DecodeError, ValueError, TypeError) as exc:
            return malformed(f"unreadable input: {exc}", "xmldsig"), None
        signed: etree._Element | None = None
        try:
            with fetch_budget(self.policy.fetch):
                verdict = await self._verdict(
                    parsed.signer_cert_der,
                    at,
                    extra_certs=(*parsed.other_certs_der, *intermediates),
                    crls=crls,
                    ocsps=ocsp_responses,
                )
            findings = xmldsig.algorithm_findings(parsed, self.policy.gost2015_256)
            if not findings and verdict.code not in KEYLESS_VERDICTS:
                # Validity was judged above; keep signxml's own date check out of the way.
                moment = xmldsig.within_validity(
                    at or datetime.now(UTC), verdict.not_before, verdict.not_after
                )
                findings, signed = xmldsig.verified_signature(
                    parsed, moment, self.policy.gost2015_256
                )
            result = verification_result(
                verdict, findings, "xmldsig", "sign", expect_iin, expect_bin, self.policy.test_pki
            )
        except Exception as exc:  # the contract is a verdict, never a crash
            log.exception("XML verification failed unexpectedly")
            error = f"internal error while verifying: {type(exc).__name__}"
            return malformed(error, "xmldsig"), None
        return result, signed if result.valid else None
