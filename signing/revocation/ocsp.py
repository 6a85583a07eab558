"""OCSP: requests with a nonce, responses cached until nextUpdate, and a plain reader.

CertIDs use SHA-1 because RFC 6960 responders (NCA's included) are only required to know that
one; it identifies the certificate and is not a signature, so it is not "weak" here.  A fresh
response must echo our nonce when it carries one (a different nonce means a replay or a
confused cache in between); responders that pre-produce responses send none, which RFC 8954
permits.  A cached response is reused until its nextUpdate (or ``default_ttl`` without one).
Signature and responder authorisation are checked by :mod:`signing.revocation.checker`.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import msgspec
from asn1crypto import ocsp, x509

from signing.revocation.cache import RevocationCache
from signing.revocation.fetch import Fetcher, FetchError, NotCachedError


class OcspReading(msgspec.Struct, frozen=True, kw_only=True):
    """What an OCSP response says, read without judging its signature."""

    response_status: str
    cert_status: str | None = None
    serial: str | None = None
    produced_at: datetime | None = None
    this_update: datetime | None = None
    next_update: datetime | None = None
    revoked_at: datetime | None = None
    reason: str | None = None
    responder: str | None = None
    signature_algorithm: str | None = None
    has_nonce: bool = False


def _basic(response: ocsp.OCSPResponse) -> ocsp.BasicOCSPResponse | None:
    if response["response_status"].native != "successful":
        return None
    return response["response_bytes"]["response"].parsed


def _nonce(basic: ocsp.BasicOCSPResponse) -> bytes | None:
    for ext in basic["tbs_response_data"]["response_extensions"] or []:
        if ext["extn_id"].native == "nonce":
            value = ext["extn_value"].parsed
            return bytes(value.native) if value is not None else b""
    return None


def _single_reading(single: ocsp.SingleResponse) -> dict[str, object]:
    status = single["cert_status"]
    fields: dict[str, object] = {
        "cert_status": status.name,
        "serial": format(single["cert_id"]["serial_number"].native, "X"),
        "this_update": single["this_update"].native,
        "next_update": single["next_update"].native,
    }
    if status.name == "revoked":
        info = status.chosen
        fields["revoked_at"] = info["revocation_time"].native
        reason = info["revocation_reason"].native
        fields["reason"] = reason if reason is not None else "unspecified"
    return fields


def read_ocsp_response(der: bytes, serial: int | None = None) -> OcspReading:
    """Parse an OCSP response (DER); raises ValueError when it is not one.

    With several SingleResponses, ``serial`` selects one; otherwise the first is read.
    """
    response = ocsp.OCSPResponse.load(der)
    status = response["response_status"].native
    basic = _basic(response)
    if basic is None:
        return OcspReading(response_status=str(status))
    data = basic["tbs_response_data"]
    responder = data["responder_id"]
    responder_text = (
        responder.chosen.human_friendly
        if responder.name == "by_name"
        else responder.chosen.native.hex()
    )
    chosen = None
    for single in data["responses"]:
        if serial is None or single["cert_id"]["serial_number"].native == serial:
            chosen = single
            break
    fields = _single_reading(chosen) if chosen is not None else {}
    return msgspec.convert(
        {
            "response_status": status,
            "produced_at": data["produced_at"].native,
            "responder": responder_text,
            "signature_algorithm": basic["signature_algorithm"]["algorithm"].dotted,
            "has_nonce": _nonce(basic) is not None,
            **fields,
        },
        OcspReading,
        from_attributes=True,
    )


def cert_id(cert: x509.Certificate, issuer_public_key: object) -> ocsp.CertId:
    return ocsp.CertId(
        {
            "hash_algorithm": {"algorithm": "sha1"},
            "issuer_name_hash": cert.issuer.sha1,
            "issuer_key_hash": issuer_public_key.sha1,  # type: ignore[attr-defined]
            "serial_number": cert.serial_number,
        }
    )


def build_request(cid: ocsp.CertId, nonce: bytes) -> bytes:
    request = ocsp.OCSPRequest(
        {
            "tbs_request": {
                "request_list": [{"req_cert": cid}],
                "request_extensions": [
                    {"extn_id": "nonce", "critical": False, "extn_value": nonce}
                ],
            }
        }
    )
    return bytes(request.dump())


@dataclass(frozen=True)
class OcspEntry:
    der: bytes
    this_update: datetime | None
    next_update: datetime | None
    expires_at: datetime


def _cache_key(cert: x509.Certificate, issuer_public_key: object) -> str:
    key_hash: bytes = issuer_public_key.sha1  # type: ignore[attr-defined]
    digest = hashlib.sha256(key_hash + cert.serial_number.to_bytes(32, "big", signed=True))
    return "ocsp:" + digest.hexdigest()


class OcspStore:
    def __init__(self, cache: RevocationCache, fetcher: Fetcher | None, default_ttl: float) -> None:
        self._cache = cache
        self._fetcher = fetcher
        self._default_ttl = timedelta(seconds=default_ttl)
        self._parsed: dict[str, OcspEntry] = {}

    def _entry(self, der: bytes, cert: x509.Certificate, now: datetime) -> OcspEntry:
        reading = read_ocsp_response(der, cert.serial_number)
        if reading.response_status != "successful":
            raise ValueError(f"OCSP responder answered {reading.response_status}")
        if reading.cert_status is None:
            raise ValueError("OCSP response does not cover the certificate")
        next_update = reading.next_update
        expires = next_update if next_update is not None else now + self._default_ttl
        expires = max(expires, now + timedelta(seconds=1))
        return OcspEntry(der, reading.this_update, next_update, expires)

    async def get(
        self,
        cert: x509.Certificate,
        issuer_public_key: object,
        urls: list[str],
        now: datetime | None = None,
    ) -> OcspEntry:
        now = now or datetime.now(UTC)
        key = _cache_key(cert, issuer_public_key)
        entry = self._parsed.get(key)
        if entry is not None and entry.expires_at > now:
            return entry
        cached = await self._cache.get(key)
        if cached is not None:
            try:
                entry = self._entry(cached, cert, now)
            except ValueError:
                entry = None
            if entry is not None and (entry.next_update is None or entry.next_update > now):
                self._parsed[key] = entry
                return entry
        if self._fetcher is None:
            raise NotCachedError("OCSP")
        errors: list[str] = []
        cid = cert_id(cert, issuer_public_key)
        for url in urls:
            nonce = secrets.token_bytes(16)
            try:
                der = await self._fetcher.post(
                    url, build_request(cid, nonce), "application/ocsp-request"
                )
                response = ocsp.OCSPResponse.load(der)
                basic = _basic(response)
                if basic is not None:
                    echoed = _nonce(basic)
                    if echoed is not None and echoed != nonce:
                        raise ValueError("OCSP nonce mismatch")
                entry = self._entry(der, cert, now)
            except (FetchError, ValueError) as exc:
                errors.append(f"{url}: {exc}")
                continue
            self._parsed[key] = entry
            await self._cache.set(key, der, entry.expires_at)
            return entry
        raise FetchError("; ".join(errors) or "no OCSP responder URL")
