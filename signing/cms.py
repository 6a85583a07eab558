"""CMS SignedData (PKCS#7) signatures over requests: parsing and the signature check.

Parsing is asn1crypto's, which is lazy -- on the warm path only the parts we touch are
decoded.  Checks, per RFC 5652 / RFC 5035:

* exactly one SignerInfo; its certificate must be in the SignedData (located by issuer+serial
  or subject key identifier);
* with signed attributes: content-type equals eContentType, message-digest equals the digest
  of the content (detached: of the bytes the caller says were signed), at most one of each;
  signing-time read (a claim, not a proof); signing-certificate(-v2), when present, must
  name exactly this certificate (that binding is what stops certificate substitution);
  the signature covers the DER of the attributes re-tagged as SET OF;
* without signed attributes: only for id-data, the signature covers the content itself.

Errors come back as ``(Code, message)`` pairs so that the verifier can order them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from asn1crypto import algos, cms, core, x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa

from signing import der
from signing.algorithms import AlgorithmRegistry, UnsupportedAlgorithmError
from signing.result import Code

HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
    "sha3_256": hashes.SHA3_256,
    "sha3_384": hashes.SHA3_384,
    "sha3_512": hashes.SHA3_512,
}


class CmsError(Exception):
    def __init__(self, code: Code, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


_ALGORITHMS: dict[bytes, algos.SignedDigestAlgorithm] = {}
DIGEST_NAMES = {
    "1.3.14.3.2.26": "sha1",
    "2.16.840.1.101.3.4.2.4": "sha224",
    "2.16.840.1.101.3.4.2.1": "sha256",
    "2.16.840.1.101.3.4.2.2": "sha384",
    "2.16.840.1.101.3.4.2.3": "sha512",
    "2.16.840.1.101.3.4.2.8": "sha3_256",
    "2.16.840.1.101.3.4.2.9": "sha3_384",
    "2.16.840.1.101.3.4.2.10": "sha3_512",
    "1.2.840.113549.2.5": "md5",
    "1.2.840.113549.2.2": "md2",
}
OID_SIGNED_DATA = bytes.fromhex("2a864886f70d010702")
OID_CONTENT_TYPE = bytes.fromhex("2a864886f70d010903")
OID_MESSAGE_DIGEST = bytes.fromhex("2a864886f70d010904")
OID_SIGNING_TIME = bytes.fromhex("2a864886f70d010905")
OID_SIGNING_CERT = bytes.fromhex("2a864886f70d010910020c")
OID_SIGNING_CERT_V2 = bytes.fromhex("2a864886f70d010910022f")
ID_DATA = "1.2.840.113549.1.7.1"


def signed_digest_algorithm(der: bytes) -> algos.SignedDigestAlgorithm:
    """asn1crypto object for an AlgorithmIdentifier, memoised (a handful exist in practice)."""
    found = _ALGORITHMS.get(der)
    if found is None:
        found = algos.SignedDigestAlgorithm.load(der)
        _ = found.native
        if len(_ALGORITHMS) < 256:
            _ALGORITHMS[der] = found
    return found


@dataclass(frozen=True, slots=True)
class ParsedCms:
    content: bytes | None
    econtent_type: str
    signer_cert_der: bytes
    other_certs_der: tuple[bytes, ...]
    digest_oid: str
    digest_name: str
    signature_algorithm_der: bytes
    signature: bytes
    signed_attrs: bytes | None  # DER, re-tagged as SET OF, ready to verify
    message_digest: bytes | None
    content_type_attr: str | None
    signing_time: datetime | None
    # (hash name, hash, serial INTEGER content bytes or None) per signing-certificate entry
    ess_cert_ids: tuple[tuple[str, bytes, bytes | None], ...]

    @property
    def signature_algorithm(self) -> algos.SignedDigestAlgorithm:
        return signed_digest_algorithm(self.signature_algorithm_der)

    def signer_serial_der(self) -> bytes:
        return _cert_issuer_serial(self.signer_cert_der)[1]


def _cert_issuer_serial(cert_der: bytes) -> tuple[bytes, bytes]:
    """Raw (issuer Name TLV, serial INTEGER value) of a certificate."""
    _, cs, ce = der.tlv(cert_der, 0, len(cert_der))
    _, ts, te = der.tlv(cert_der, cs, ce)
    items = der.children(cert_der, ts, te)
    index = 1 if items[0][0] == 0xA0 else 0
    serial = items[index]
    issuer = items[index + 2]
    return cert_der[issuer[1] : issuer[3]], cert_der[serial[2] : serial[3]]


def _one_value(buf: bytes, set_start: int, set_end: int, name: str) -> tuple[int, int, int]:
    values = der.children(buf, set_start, set_end)
    if len(values) != 1:
        raise CmsError(Code.MALFORMED, f"signed attribute {name} must have exactly one value")
    tag, _, vs, ve = values[0]
    return tag, vs, ve


def _ess_ids(buf: bytes, start: int, end: int, v2: bool) -> list[tuple[str, bytes, bytes | None]]:
    ids: list[tuple[str, bytes, bytes | None]] = []
    _, ss, se = der.tlv(buf, start, end)  # SigningCertificate(V2) SEQUENCE
    first = der.children(buf, ss, se)[0]  # SEQUENCE OF ESSCertID(v2)
    for _, _, es, ee in der.children(buf, first[2], first[3]):
        parts = der.children(buf, es, ee)
        hash_name = "sha256" if v2 else "sha1"
        if v2 and parts and parts[0][0] == 0x30:
            alg = der.children(buf, parts[0][2], parts[0][3])[0]
            oid = der.oid_dotted(buf[alg[2] : alg[3]])
            hash_name = DIGEST_NAMES.get(oid, oid)
            parts = parts[1:]
        if not parts or parts[0][0] != 0x04:
            raise CmsError(Code.MALFORMED, "signing-certificate attribute without a hash")
        cert_hash = buf[parts[0][2] : parts[0][3]]
        serial = None
        if len(parts) > 1 and parts[1][0] == 0x30:
            issuer_serial = der.children(buf, parts[1][2], parts[1][3])
            if len(issuer_serial) >= 2 and issuer_serial[1][0] == 0x02:
                serial = buf[issuer_serial[1][2] : issuer_serial[1][3]]
        ids.append((hash_name, cert_hash, serial))
    return ids


@dataclass
class _SignedAttrs:
    der: bytes | None = None
    message_digest: bytes | None = None
    content_type: str | None = None
    signing_time: datetime | None = None
    ess: list[tuple[str, bytes, bytes | None]] = field(default_factory=list)


def _fast_signed_attrs(buf: bytes, header: int, start: int, end: int) -> _SignedAttrs:
    # The signature covers the attributes with their SET OF tag, not the [0] IMPLICIT one.
    attrs = _SignedAttrs(der=b"\x31" + buf[header + 1 : end])
    seen: set[bytes] = set()
    for _, _, a_s, a_e in der.children(buf, start, end):
        attr = der.children(buf, a_s, a_e)
        oid = buf[attr[0][2] : attr[0][3]]
        if oid in seen:
            raise CmsError(Code.MALFORMED, "duplicate signed attribute")
        seen.add(oid)
        values = (buf, attr[1][2], attr[1][3])
        if oid == OID_MESSAGE_DIGEST:
            _, v_s, v_e = _one_value(*values, "message-digest")
            attrs.message_digest = buf[v_s:v_e]
        elif oid == OID_CONTENT_TYPE:
            _, v_s, v_e = _one_value(*values, "content-type")
            attrs.content_type = der.oid_dotted(buf[v_s:v_e])
        elif oid == OID_SIGNING_TIME:
            tag, v_s, v_e = _one_value(*values, "signing-time")
            attrs.signing_time = der.parse_time(tag, buf[v_s:v_e])
        elif oid in (OID_SIGNING_CERT_V2, OID_SIGNING_CERT):
            _one_value(*values, "signing-certificate")
            attrs.ess.extend(_ess_ids(*values, oid == OID_SIGNING_CERT_V2))
    if attrs.message_digest is None or attrs.content_type is None:
        raise CmsError(Code.MALFORMED, "signed attributes lack content-type or message-digest")
    return attrs


def _fast_encap(buf: bytes, start: int, end: int) -> tuple[str, bytes | None]:
    encap = der.children(buf, start, end)
    econtent_type = der.oid_dotted(buf[encap[0][2] : encap[0][3]])
    if len(encap) == 1:
        return econtent_type, None
    _, os_start, os_end = der.tlv(buf, encap[1][2], encap[1][3])
    if buf[encap[1][2]] != 0x04:
        raise der.DerError("constructed eContent")
    return econtent_type, buf[os_start:os_end]


def _fast_signer(buf: bytes, start: int, end: int, certs: list[bytes]) -> bytes:
    sid = der.children(buf, start, end)
    wanted = (buf[sid[0][1] : sid[0][3]], buf[sid[1][2] : sid[1][3]])
    for cert in certs:
        if _cert_issuer_serial(cert) == wanted:
            return cert
    # Names may be encoded differently yet equal: the thorough parser compares properly.
    raise der.DerError("signer certificate not found by raw comparison")


def _fast_parse(buf: bytes) -> ParsedCms:
    """DER-only parse of a ContentInfo/SignedData with one signer; DerError => use _slow."""
    n = len(buf)
    tag, s, e = der.tlv(buf, 0, n)
    if tag != 0x30 or e != n:
        raise der.DerError("not a DER SEQUENCE")
    top = der.children(buf, s, e)
    if len(top) != 2 or top[0][0] != 0x06 or buf[top[0][2] : top[0][3]] != OID_SIGNED_DATA:
        raise der.DerError("not SignedData")
    if top[1][0] != 0xA0:
        raise der.DerError("no content")
    tag, ss, se = der.tlv(buf, top[1][2], top[1][3])
    if tag != 0x30:
        raise der.DerError("SignedData is not a SEQUENCE")
    parts = der.children(buf, ss, se)
    if len(parts) < 4 or parts[0][0] != 0x02 or parts[1][0] != 0x31 or parts[2][0] != 0x30:
        raise der.DerError("unexpected SignedData layout")
    econtent_type, content = _fast_encap(buf, parts[2][2], parts[2][3])
    certs: list[bytes] = []
    index = 3
    if parts[index][0] == 0xA0:
        certs = [
            buf[h:ve]
            for t, h, _, ve in der.children(buf, parts[index][2], parts[index][3])
            if t == 0x30
        ]
        index += 1
    if index < len(parts) and parts[index][0] == 0xA1:
        index += 1
    if index != len(parts) - 1 or parts[index][0] != 0x31:
        raise der.DerError("unexpected SignedData tail")
    signers = der.children(buf, parts[index][2], parts[index][3])
    if len(signers) != 1:
        raise der.DerError("not exactly one signer")
    fields = der.children(buf, signers[0][2], signers[0][3])
    if len(fields) < 5 or fields[1][0] != 0x30:
        raise der.DerError("signer not identified by issuer and serial")
    signer_cert = _fast_signer(buf, fields[1][2], fields[1][3], certs)
    digest_alg = der.children(buf, fields[2][2], fields[2][3])[0]
    digest_oid = der.oid_dotted(buf[digest_alg[2] : digest_alg[3]])
    pos = 3
    attrs = _SignedAttrs()
    if fields[pos][0] == 0xA0:
        attrs = _fast_signed_attrs(buf, fields[pos][1], fields[pos][2], fields[pos][3])
        pos += 1
    sig_alg = fields[pos]
    sig = fields[pos + 1]
    if sig_alg[0] != 0x30 or sig[0] != 0x04:
        raise der.DerError("unexpected SignerInfo layout")
    return ParsedCms(
        content=content,
        econtent_type=econtent_type,
        signer_cert_der=signer_cert,
        other_certs_der=tuple(c for c in certs if c is not signer_cert),
        digest_oid=digest_oid,
        digest_name=DIGEST_NAMES.get(digest_oid, digest_oid),
        signature_algorithm_der=buf[sig_alg[1] : sig_alg[3]],
        signature=buf[sig[2] : sig[3]],
        signed_attrs=attrs.der,
        message_digest=attrs.message_digest,
        content_type_attr=attrs.content_type,
        signing_time=attrs.signing_time,
        ess_cert_ids=tuple(attrs.ess),
    )


def _find_signer_cert(
    sid: cms.SignerIdentifier, certs: list[x509.Certificate]
) -> x509.Certificate | None:
    if sid.name == "issuer_and_serial_number":
        issuer = sid.chosen["issuer"]
        serial = sid.chosen["serial_number"].native
        for cert in certs:
            if cert.serial_number == serial and cert.issuer == issuer:
                return cert
    else:
        key_id = sid.chosen.native
        for cert in certs:
            if cert.key_identifier == key_id:
                return cert
    return None


def _single_value(attr: cms.CMSAttribute, name: str) -> Any:
    values = attr["values"]
    if len(values) != 1:
        raise CmsError(Code.MALFORMED, f"signed attribute {name} must have exactly one value")
    return values[0]


def parse_cms(data: bytes) -> ParsedCms:
    """Parse a ContentInfo with SignedData; raises CmsError(MALFORMED, ...)."""
    try:
        return _fast_parse(data)
    except CmsError:
        raise
    except (der.DerError, IndexError, ValueError, UnicodeDecodeError):
        pass  # BER, subject-key-identifier signers, oddities: the thorough parser decides
    try:
        return _slow_parse(data)
    except CmsError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        raise CmsError(Code.MALFORMED, f"not a CMS SignedData structure: {exc}") from exc


def _slow_parse(data: bytes) -> ParsedCms:
    info = cms.ContentInfo.load(data)
    if info["content_type"].native != "signed_data":
        raise CmsError(Code.MALFORMED, "CMS content is not SignedData")
    signed_data = info["content"]
    signer_infos = signed_data["signer_infos"]
    if len(signer_infos) != 1:
        raise CmsError(Code.MALFORMED, f"expected one signer, found {len(signer_infos)}")
    signer = signer_infos[0]
    encap = signed_data["encap_content_info"]
    econtent_type = encap["content_type"].dotted
    econtent = encap["content"]
    content: bytes | None = None
    if econtent is not None and not isinstance(econtent, core.Void):
        # OCTET STRING payload, whatever eContentType says it encodes.
        content = bytes(econtent)

    certs = [c.chosen for c in (signed_data["certificates"] or []) if c.name == "certificate"]
    signer_cert = _find_signer_cert(signer["sid"], certs)
    if signer_cert is None:
        raise CmsError(Code.MALFORMED, "the signer's certificate is not included in the CMS")

    digest_algorithm = signer["digest_algorithm"]["algorithm"]
    signed_attrs_value = signer["signed_attrs"]
    attrs_der: bytes | None = None
    message_digest = content_type_attr = signing_time = None
    ess: list[tuple[str, bytes, bytes | None]] = []
    if signed_attrs_value is not None and len(signed_attrs_value) > 0:
        raw = signed_attrs_value.dump()
        attrs_der = b"\x31" + raw[1:]
        seen: set[str] = set()
        for attr in signed_attrs_value:
            name = attr["type"].native
            if name in seen:
                raise CmsError(Code.MALFORMED, f"duplicate signed attribute {name}")
            seen.add(name)
            if name == "message_digest":
                message_digest = bytes(_single_value(attr, name).native)
            elif name == "content_type":
                content_type_attr = _single_value(attr, name).dotted
            elif name == "signing_time":
                signing_time = _single_value(attr, name).native
            elif name in ("signing_certificate_v2", "signing_certificate"):
                value = _single_value(attr, name)
                ess.extend(
                    _ess_ids(value.dump(), 0, len(value.dump()), name == "signing_certificate_v2")
                )
        if message_digest is None or content_type_attr is None:
            raise CmsError(Code.MALFORMED, "signed attributes lack content-type or message-digest")
    signer_cert_der = bytes(signer_cert.dump())
    return ParsedCms(
        content=content,
        econtent_type=econtent_type,
        signer_cert_der=signer_cert_der,
        other_certs_der=tuple(bytes(c.dump()) for c in certs if c is not signer_cert),
        digest_oid=digest_algorithm.dotted,
        digest_name=str(digest_algorithm.native),
        signature_algorithm_der=bytes(signer["signature_algorithm"].dump()),
        signature=bytes(signer["signature"].native),
        signed_attrs=attrs_der,
        message_digest=message_digest,
        content_type_attr=content_type_attr,
        signing_time=signing_time,
        ess_cert_ids=tuple(ess),
    )


def algorithm_findings(parsed: ParsedCms, registry: AlgorithmRegistry) -> list[tuple[Code, str]]:
    findings: list[tuple[Code, str]] = []
    for problem in (
        registry.digest_problem(parsed.digest_oid, parsed.digest_name),
        registry.signature_algorithm_problem(parsed.signature_algorithm),
    ):
        if problem is not None:
            code = (
                Code.UNSUPPORTED_ALGORITHM if problem[0] == "unsupported" else Code.WEAK_ALGORITHM
            )
            findings.append((code, problem[1]))
    return findings


_HASH_FOR: dict[tuple[bytes, str], type[hashes.HashAlgorithm] | None] = {}


def _hash_for(parsed: ParsedCms) -> type[hashes.HashAlgorithm] | None:
    """The hash the signature algorithm implies (rsaEncryption: the digestAlgorithm); None
    for a hash ``cryptography`` lacks (a plug-in's algorithm hashes by itself)."""
    key = (parsed.signature_algorithm_der, parsed.digest_name)
    found = _HASH_FOR.get(key)
    if found is None:
        try:
            name = parsed.signature_algorithm.hash_algo
        except ValueError:
            name = parsed.digest_name
        found = HASHES.get(name)
        if len(_HASH_FOR) < 256:
            _HASH_FOR[key] = found
    return found


_NAMES: dict[int, tuple[str, str | None]] = {}


def _algorithm_names(algorithm: algos.SignedDigestAlgorithm) -> tuple[str, str | None]:
    # Keyed by id(): the objects come from the bounded memo in signed_digest_algorithm.
    found = _NAMES.get(id(algorithm))
    if found is None:
        try:
            sig_name: str | None = algorithm.signature_algo
        except ValueError:
            sig_name = None
        found = (algorithm["algorithm"].dotted, sig_name)
        if algorithm is _ALGORITHMS.get(bytes(algorithm.dump())):
            _NAMES[id(algorithm)] = found
    return found


def verify_raw(
    public_key: Any,
    spki_der: bytes,
    algorithm: algos.SignedDigestAlgorithm,
    hash_cls: type[hashes.HashAlgorithm] | None,
    message: bytes,
    signature: bytes,
    registry: AlgorithmRegistry,
) -> bool:
    oid, sig_name = _algorithm_names(algorithm)
    plugin = registry.plugin_for(oid) if registry.plugins else None
    if plugin is not None:
        return plugin.verify(spki_der, oid, message, signature)
    if hash_cls is None:
        raise UnsupportedAlgorithmError(f"no hash for signature algorithm {oid}")
    try:
        if isinstance(public_key, rsa.RSAPublicKey):
            if sig_name == "rsassa_pss":
                params = algorithm["parameters"]
                mgf_hash = HASHES[params["mask_gen_algorithm"]["parameters"]["algorithm"].native]
                pss = padding.PSS(
                    mgf=padding.MGF1(mgf_hash()), salt_length=params["salt_length"].native
                )
                public_key.verify(
                    signature, message, pss, HASHES[params["hash_algorithm"]["algorithm"].native]()
                )
            else:
                public_key.verify(signature, message, padding.PKCS1v15(), hash_cls())
        elif isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(signature, message, ec.ECDSA(hash_cls()))
        elif isinstance(public_key, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey):
            public_key.verify(signature, message)
        else:
            raise UnsupportedAlgorithmError(f"no verifier for {type(public_key).__name__}")
    except InvalidSignature:
        return False
    return True


def signature_findings(
    parsed: ParsedCms,
    content: bytes | None,
    public_key: Any,
    spki_der: bytes,
    registry: AlgorithmRegistry,
) -> list[tuple[Code, str]]:
    """Check digest, attributes and the signature itself; [] when all is well."""
    if content is None:
        return [(Code.MALFORMED, "no signed content: neither attached nor supplied")]
    if parsed.content is not None and parsed.content != content:
        return [(Code.SIGNATURE_INVALID, "supplied document differs from the attached content")]
    try:
        if parsed.signed_attrs is None:
            if parsed.econtent_type != "1.2.840.113549.1.7.1":
                return [(Code.MALFORMED, "signed attributes are required for this content type")]
            message = content
        else:
            if parsed.content_type_attr != parsed.econtent_type:
                return [(Code.SIGNATURE_INVALID, "content-type attribute mismatch")]
            digest = registry.digest(parsed.digest_oid, parsed.digest_name, content)
            if digest != parsed.message_digest:
                return [(Code.SIGNATURE_INVALID, "message digest does not match the document")]
            for hash_name, cert_hash, issuer_serial in parsed.ess_cert_ids[:1]:
                # A name from DIGEST_NAMES is a hashlib one; anything else is an OID that a
                # plug-in may know (GOST signers bind the certificate with their own hash).
                if hash_name in HASHES:
                    actual = hashlib.new(hash_name, parsed.signer_cert_der).digest()
                else:
                    actual = registry.digest(hash_name, hash_name, parsed.signer_cert_der)
                if actual != cert_hash:
                    return [
                        (
                            Code.SIGNATURE_INVALID,
                            "signing-certificate attribute names another certificate",
                        )
                    ]
                if issuer_serial is not None and issuer_serial != parsed.signer_serial_der():
                    return [(Code.SIGNATURE_INVALID, "signing-certificate serial mismatch")]
            message = parsed.signed_attrs
        ok = verify_raw(
            public_key,
            spki_der,
            parsed.signature_algorithm,
            _hash_for(parsed),
            message,
            parsed.signature,
            registry,
        )
    except UnsupportedAlgorithmError as exc:
        return [(Code.UNSUPPORTED_ALGORITHM, str(exc))]
    except (ValueError, KeyError, TypeError) as exc:
        return [(Code.MALFORMED, f"signature could not be processed: {exc}")]
    if not ok:
        return [
            (Code.SIGNATURE_INVALID, "the signature does not verify with the certificate's key")
        ]
    return []


def signed_content(der: bytes) -> bytes | None:
    """The encapsulated content of an attached CMS (None if detached or unreadable)."""
    try:
        return parse_cms(der).content
    except CmsError:
        return None


SIGNATURE_TIMESTAMP_OID = "1.2.840.113549.1.9.16.2.14"  # id-aa-signatureTimeStampToken


def signature_timestamp_tokens(data: bytes) -> list[bytes]:
    """The signature-timestamp tokens (DER ContentInfo) in the signer's unsigned attributes.

    Read only when the policy validates at a proven time, so the fast parser stays as it is.
    """
    try:
        info = cms.ContentInfo.load(data)
        unsigned = info["content"]["signer_infos"][0]["unsigned_attrs"]
        tokens: list[bytes] = []
        for attr in unsigned or []:
            if attr["type"].dotted == SIGNATURE_TIMESTAMP_OID:
                tokens.extend(bytes(value.dump()) for value in attr["values"])
        return tokens
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise CmsError(Code.MALFORMED, f"unreadable unsigned attributes: {exc}") from exc
