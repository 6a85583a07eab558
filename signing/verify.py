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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import aiohttp
from asn1crypto import x509
from cryptography.hazmat.primitives.serialization import load_der_public_key
from lxml import etree

from signing import cms as cms_mod
from signing import xmldsig
from signing.algorithms import AlgorithmPlugin, AlgorithmRegistry
from signing.chain import validate_chain
from signing.encoding import DecodeError, decode_one
from signing.gost.plugin import GostPlugin
from signing.identity import dn_text, purpose_problem, read_identity
from signing.memo import BoundedCache
from signing.numbers import NumberCheck, check_bin, check_iin
from signing.policy import VerificationPolicy
from signing.result import (
    ChainEntry,
    Code,
    Identity,
    KeyPurpose,
    Revocation,
    VerificationResult,
    VerifiedKind,
    first_failure,
    malformed,
)
from signing.revocation.cache import InMemoryRevocationCache, RevocationCache
from signing.revocation.checker import RevocationChecker
from signing.revocation.crl import CrlStore, RefreshReport, refresh_crls
from signing.revocation.fetch import (
    BudgetExhaustedError,
    Fetcher,
    FetchError,
    allowed_hosts,
    fetch_budget,
)
from signing.revocation.ocsp import OcspStore
from signing.revocation.preloaded import PreloadedCrls
from signing.tokens import read_token, token_problem
from signing.trust import load_certificates, parse_certificates

log = logging.getLogger(__name__)

MAX_VERDICTS = 50_000
AIA_DEPTH = 4
# caIssuers answers and algorithm findings kept in process (keys come from requests).
MAX_AIA_ENTRIES = 256
MAX_ALGORITHM_ENTRIES = 256
CACHEABLE_NEGATIVE = frozenset(
    {
        Code.MALFORMED,
        Code.UNSUPPORTED_ALGORITHM,
        Code.WEAK_ALGORITHM,
        Code.EXPIRED,
        Code.NOT_YET_VALID,
        Code.REVOKED,
    }
)


# Verdicts reached before the certificate's public key is loaded: no signature check can follow,
# and the verdict itself outranks whatever that check would say.
KEYLESS_VERDICTS = frozenset({Code.MALFORMED, Code.UNSUPPORTED_ALGORITHM, Code.WEAK_ALGORITHM})


@dataclass(frozen=True, slots=True)
class CertVerdict:
    """Everything request-independent about one certificate at one moment."""

    code: Code
    message: str
    identity: Identity | None
    is_ca: bool
    serial: str | None
    issuer: str | None
    not_before: datetime | None
    not_after: datetime | None
    chain: tuple[ChainEntry, ...]
    revocation: Revocation
    public_key: Any
    spki_der: bytes
    validation_time: datetime
    expires_at: float  # time.time() seconds


def _hex_serial(serial: int) -> str:
    return format(serial, "X")


def _chain_entry(cert: x509.Certificate) -> ChainEntry:
    return ChainEntry(
        subject=dn_text(cert.subject),
        issuer=dn_text(cert.issuer),
        serial=_hex_serial(cert.serial_number),
        not_before=cert.not_valid_before,
        not_after=cert.not_valid_after,
        sha256=hashlib.sha256(cert.dump()).hexdigest(),
    )


def _number_findings(
    identity: Identity, expect_iin: str | None, expect_bin: str | None, test_pki: bool
) -> list[tuple[Code, str]]:
    findings: list[tuple[Code, str]] = []
    if (
        identity.iin is not None
        and check_iin(identity.iin, test_pki=test_pki) is not NumberCheck.OK
    ):
        status = check_iin(identity.iin, test_pki=test_pki)
        findings.append((Code.INVALID_IIN, f"certificate IIN {identity.iin}: {status}"))
    if (
        identity.bin is not None
        and check_bin(identity.bin, test_pki=test_pki) is not NumberCheck.OK
    ):
        status = check_bin(identity.bin, test_pki=test_pki)
        findings.append((Code.INVALID_BIN, f"certificate BIN {identity.bin}: {status}"))
    if expect_iin is not None:
        status = check_iin(expect_iin, test_pki=test_pki)
        if status is not NumberCheck.OK:
            findings.append((Code.INVALID_IIN, f"declared IIN {expect_iin}: {status}"))
        elif identity.iin is None:
            findings.append((Code.IIN_MISMATCH, "the certificate carries no IIN"))
        elif identity.iin != expect_iin:
            findings.append((Code.IIN_MISMATCH, "declared IIN differs from the certificate's"))
    if expect_bin is not None:
        status = check_bin(expect_bin, test_pki=test_pki)
        if status is not NumberCheck.OK:
            findings.append((Code.INVALID_BIN, f"declared BIN {expect_bin}: {status}"))
        elif identity.bin is None:
            findings.append((Code.BIN_MISMATCH, "the certificate carries no BIN"))
        elif identity.bin != expect_bin:
            findings.append((Code.BIN_MISMATCH, "declared BIN differs from the certificate's"))
    return findings


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
        self._preloaded = PreloadedCrls(policy.crl_files)
        online = None if policy.offline else self._fetcher
        self._crls = CrlStore(self.cache, online)
        self._ocsps = OcspStore(self.cache, online, policy.ocsp_default_ttl)
        self._checker = RevocationChecker(
            self._crls,
            self._ocsps,
            self.registry,
            use_crl=policy.use_crl,
            use_ocsp=policy.use_ocsp,
        )
        self._verdicts: OrderedDict[bytes, CertVerdict] = OrderedDict()
        self._inflight: dict[bytes, asyncio.Task[CertVerdict]] = {}
        self._aia: BoundedCache[str, list[x509.Certificate]] = BoundedCache(
            MAX_AIA_ENTRIES, policy.max_cache_seconds
        )
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

    async def _aia_certs(self, cert: x509.Certificate) -> list[x509.Certificate]:
        found: list[x509.Certificate] = []
        frontier = [cert]
        for _ in range(AIA_DEPTH):
            next_frontier: list[x509.Certificate] = []
            for current in frontier:
                for access in current.authority_information_access_value or []:
                    if access["access_method"].native != "ca_issuers":
                        continue
                    location = access["access_location"]
                    if location.name != "uniform_resource_identifier":
                        continue
                    url = str(location.native)
                    if not url.lower().startswith(("http://", "https://")):
                        continue
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

    async def _assess(
        self,
        cert: x509.Certificate,
        moment: datetime,
        extra_certs: Sequence[x509.Certificate],
        crls: Sequence[bytes],
        ocsps: Sequence[bytes],
        *,
        retroactive: bool,
    ) -> CertVerdict:
        now = time.time()
        base: dict[str, Any] = {
            "identity": None,
            "is_ca": False,
            "serial": None,
            "issuer": None,
            "not_before": None,
            "not_after": None,
            "chain": (),
            "revocation": Revocation(),
            "public_key": None,
            "spki_der": b"",
            "validation_time": moment,
        }

        def verdict(code: Code, message: str, ttl: float | None = None) -> CertVerdict:
            if ttl is None:
                ttl = self.policy.negative_cache_seconds if code in CACHEABLE_NEGATIVE else 0.0
            return CertVerdict(code=code, message=message, expires_at=now + ttl, **base)

        try:
            _ = cert.native  # full parse: a broken encoding is "malformed", not a crash later
            base["serial"] = _hex_serial(cert.serial_number)
            base["issuer"] = dn_text(cert.issuer)
            base["not_before"] = cert.not_valid_before
            base["not_after"] = cert.not_valid_after
            base["is_ca"] = bool(cert.ca)
            base["identity"] = read_identity(cert)
            base["chain"] = (_chain_entry(cert),)
            base["spki_der"] = bytes(cert.public_key.dump())
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            return verdict(Code.MALFORMED, f"certificate could not be parsed: {exc}")

        problem = self.registry.certificate_problem(cert)
        if problem is not None:
            code = (
                Code.UNSUPPORTED_ALGORITHM if problem[0] == "unsupported" else Code.WEAK_ALGORITHM
            )
            return verdict(code, problem[1])
        try:
            if self.registry.plugin_for(cert.public_key["algorithm"]["algorithm"].dotted) is None:
                base["public_key"] = load_der_public_key(base["spki_der"])
        except (ValueError, TypeError) as exc:
            return verdict(Code.MALFORMED, f"public key could not be loaded: {exc}")

        others = [*self.intermediates, *extra_certs]
        outcome = await validate_chain(cert, self.anchors, others, moment, self.registry)
        if outcome.missing_issuer and not self.policy.offline:
            fetched = await self._aia_certs(cert)
            if fetched:
                others = [*others, *fetched]
                outcome = await validate_chain(cert, self.anchors, others, moment, self.registry)
        if outcome.path is None:
            return verdict(outcome.code, outcome.message)
        path = outcome.path
        base["chain"] = tuple(_chain_entry(c) for c in reversed(list(path.iter_certs(True))))

        revocation = await self._checker.check_path(
            path,
            self.anchors,
            others,
            moment,
            fetch_time=datetime.now(UTC),
            supplied_crls=[*crls, *self._preloaded.current()],
            supplied_ocsps=ocsps,
            retroactive=retroactive,
        )
        base["revocation"] = revocation.revocation
        if revocation.status == "revoked":
            return verdict(Code.REVOKED, revocation.message)
        if revocation.status == "unknown":
            if self.policy.revocation_mode == "hard":
                return verdict(Code.REVOCATION_UNKNOWN, revocation.message)
            # Soft-fail: accept, say so, and try again soon.
            return verdict(Code.OK, revocation.message, ttl=self.policy.negative_cache_seconds)

        limits = [now + self.policy.max_cache_seconds]
        if revocation.expires_at is not None:
            limits.append(revocation.expires_at.timestamp())
        if self._preloaded.next_update is not None:
            limits.append(self._preloaded.next_update.timestamp())
        limits.extend(entry.not_after.timestamp() for entry in base["chain"])
        return verdict(Code.OK, "", ttl=min(limits) - now)

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
            return await self._fresh_verdict(cert_der, at, extra_certs, crls, ocsps, None)
        key = hashlib.sha256(cert_der).digest()
        cached = self._verdicts.get(key)
        if cached is not None and cached.expires_at > time.time():
            return cached
        # A burst of requests signed with one certificate (a cold start, an expired entry)
        # shares one assessment instead of each fetching the same CRL and OCSP answers.
        task = self._inflight.get(key)
        if task is None:
            task = asyncio.create_task(
                self._fresh_verdict(cert_der, None, extra_certs, crls, ocsps, key)
            )
            self._inflight[key] = task
            task.add_done_callback(lambda _: self._inflight.pop(key, None))
        return await asyncio.shield(task)

    async def _fresh_verdict(
        self,
        cert_der: bytes,
        at: datetime | None,
        extra_certs: Sequence[bytes],
        crls: Sequence[bytes],
        ocsps: Sequence[bytes],
        cache_key: bytes | None,
    ) -> CertVerdict:
        """Assess the certificate now; remember the verdict under ``cache_key`` if given."""
        moment = at or datetime.now(UTC)
        try:
            cert = x509.Certificate.load(cert_der)
            extra = [c for blob in extra_certs for c in parse_certificates(blob)]
        except (ValueError, TypeError, DecodeError) as exc:
            return CertVerdict(
                Code.MALFORMED,
                f"not a certificate: {exc}",
                None,
                False,
                None,
                None,
                None,
                None,
                (),
                Revocation(),
                None,
                b"",
                moment,
                0.0,
            )
        verdict = await self._assess(cert, moment, extra, crls, ocsps, retroactive=at is not None)
        if cache_key is not None and verdict.expires_at > time.time():
            self._verdicts[cache_key] = verdict
            if len(self._verdicts) > MAX_VERDICTS:
                self._verdicts.popitem(last=False)
        return verdict

    # -- results -----------------------------------------------------------------------------

    def _result(
        self,
        verdict: CertVerdict,
        findings: list[tuple[Code, str]],
        kind: VerifiedKind,
        purpose: KeyPurpose | None,
        expect_iin: str | None,
        expect_bin: str | None,
        signing_time: datetime | None = None,
    ) -> VerificationResult:
        all_findings = list(findings)
        if verdict.code is not Code.OK:
            all_findings.append((verdict.code, verdict.message))
        identity = verdict.identity
        if identity is not None:
            if purpose is not None:
                problem = purpose_problem(identity, purpose, verdict.is_ca)
                if problem is not None:
                    all_findings.append((Code.WRONG_KEY_USAGE, problem))
            all_findings.extend(
                _number_findings(identity, expect_iin, expect_bin, self.policy.test_pki)
            )
        code, message = first_failure(all_findings)
        if code is Code.OK and verdict.message:
            message = verdict.message  # e.g. soft-fail revocation note
        return VerificationResult(
            valid=code is Code.OK,
            code=code,
            message=message,
            kind=kind,
            identity=identity,
            serial=verdict.serial,
            issuer=verdict.issuer,
            not_before=verdict.not_before,
            not_after=verdict.not_after,
            revocation=verdict.revocation,
            chain=verdict.chain,
            validation_time=verdict.validation_time,
            signing_time=signing_time,
        )

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
            return self._result(verdict, [], "certificate", purpose, expect_iin, expect_bin)
        except Exception as exc:  # the contract is a verdict, never a crash
            log.exception("certificate check failed unexpectedly")
            return malformed(f"internal error while checking: {type(exc).__name__}")

    async def _moment(
        self, at: datetime | None, der: bytes, parsed: cms_mod.ParsedCms
    ) -> datetime | None:
        """The validation time: ``at``; else, under ``signing_time``, the earliest genTime a
        trusted signature timestamp proves; else None (now).  Never the signing-time
        attribute: the signer writes that one."""
        if at is not None or self.policy.validation_time != "signing_time":
            return at
        proven: datetime | None = None
        for token in cms_mod.signature_timestamp_tokens(der):
            moment = await self._token_time(token, parsed)
            if moment is not None and (proven is None or moment < proven):
                proven = moment
        return proven

    async def _token_time(self, token: bytes, parsed: cms_mod.ParsedCms) -> datetime | None:
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
            parsed = cms_mod.parse_cms(der)
        except cms_mod.CmsError as exc:
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
                findings = cms_mod.algorithm_findings(parsed, self.registry)
                self._algo_findings.set(algo_key, findings)
            if not findings and verdict.code not in KEYLESS_VERDICTS:
                content = document if document is not None else parsed.content
                findings = cms_mod.signature_findings(
                    parsed, content, verdict.public_key, verdict.spki_der, self.registry
                )
            return self._result(
                verdict, findings, kind, purpose, expect_iin, expect_bin, parsed.signing_time
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
            result = self._result(verdict, findings, "xmldsig", "sign", expect_iin, expect_bin)
        except Exception as exc:  # the contract is a verdict, never a crash
            log.exception("XML verification failed unexpectedly")
            error = f"internal error while verifying: {type(exc).__name__}"
            return malformed(error, "xmldsig"), None
        return result, signed if result.valid else None
