"""NCA PKCS#12 files: MAC SHA-1, key bag pbeWithSHAAnd3-KeyTripleDES-CBC, certificate bag
pbeWithSHAAnd40BitRC2-CBC.

OpenSSL 3 cannot load the GOST private key, and oscrypto fails to detect OpenSSL 3.0.1x, so
this reads the structure with asn1crypto, derives keys with the RFC 7292 appendix B KDF, and
decrypts with the system libcrypto through ctypes (RC2 from the ``legacy`` provider, in a
library context of its own).  The private key is the PKCS#8 privateKey OCTET STRING holding
an OCTET STRING of the scalar d, little-endian.
"""

from __future__ import annotations

import ctypes
import hashlib
import hmac
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from asn1crypto import algos, pkcs12, x509

from signing import der
from signing.gost import native

PBE_CIPHERS = {
    "1.2.840.113549.1.12.1.3": (b"DES-EDE3-CBC", 24),  # pbeWithSHAAnd3-KeyTripleDES-CBC
    "1.2.840.113549.1.12.1.6": (b"RC2-40-CBC", 5),  # pbeWithSHAAnd40BitRC2-CBC
}


def _bmp_password(password: str) -> bytes:
    return password.encode("utf-16-be") + b"\x00\x00"


def pkcs12_kdf(password: str, salt: bytes, iterations: int, purpose: int, size: int) -> bytes:
    """RFC 7292 appendix B.2 with SHA-1 (u = 20, v = 64)."""
    v, u = 64, 20
    d = bytes([purpose]) * v

    def stretch(data: bytes) -> bytes:
        if not data:
            return b""
        return (data * (-(-v * ((len(data) + v - 1) // v) // len(data)) + 1))[
            : v * ((len(data) + v - 1) // v)
        ]

    i = bytearray(stretch(salt) + stretch(_bmp_password(password)))
    out = b""
    while len(out) < size:
        a = d + bytes(i)
        for _ in range(iterations):
            a = hashlib.sha1(a).digest()  # noqa: S324 -- the PKCS#12 KDF is SHA-1 here
        out += a
        b = int.from_bytes((a * (v // u + 1))[:v], "big")
        for start in range(0, len(i), v):
            block = (int.from_bytes(i[start : start + v], "big") + b + 1) % (1 << (8 * v))
            i[start : start + v] = block.to_bytes(v, "big")
    return out[:size]


@cache
def _cipher_context() -> tuple[ctypes.CDLL, int]:
    lib = native._libcrypto()
    if lib is None:
        raise RuntimeError("libcrypto is needed to read PKCS#12 files")
    lib.OSSL_LIB_CTX_new.restype = ctypes.c_void_p
    context = lib.OSSL_LIB_CTX_new()
    for provider in (b"default", b"legacy"):
        if not lib.OSSL_PROVIDER_load(context, provider):
            raise RuntimeError(f"OpenSSL provider {provider.decode()} is missing")
    p = ctypes.c_void_p
    lib.EVP_CIPHER_fetch.restype = p
    lib.EVP_CIPHER_fetch.argtypes = [p, ctypes.c_char_p, ctypes.c_char_p]
    lib.EVP_CIPHER_CTX_new.restype = p
    lib.EVP_CIPHER_CTX_free.argtypes = [p]
    lib.EVP_CipherInit_ex2.argtypes = [p, p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, p]
    lib.EVP_CipherUpdate.argtypes = [
        p,
        ctypes.c_char_p,
        ctypes.POINTER(ctypes.c_int),
        ctypes.c_char_p,
        ctypes.c_int,
    ]
    lib.EVP_CipherFinal_ex.argtypes = [p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    return lib, int(context)


def _decrypt_with(algorithm: algos.EncryptionAlgorithm, password: str, data: bytes) -> bytes:
    """Decrypt ``data`` with the password-based cipher ``algorithm`` (OID and parameters)."""
    return _decrypt(algorithm["algorithm"].dotted, algorithm["parameters"].dump(), password, data)


def _decrypt(algorithm_oid: str, params: bytes, password: str, data: bytes) -> bytes:
    name, key_size = PBE_CIPHERS[algorithm_oid]
    _, s, e = der.tlv(params, 0, len(params))
    salt_el, iter_el = der.children(params, s, e)
    salt = params[salt_el[2] : salt_el[3]]
    iterations = int.from_bytes(params[iter_el[2] : iter_el[3]], "big")
    key = pkcs12_kdf(password, salt, iterations, 1, key_size)
    iv = pkcs12_kdf(password, salt, iterations, 2, 8)
    lib, context = _cipher_context()
    cipher = lib.EVP_CIPHER_fetch(context, name, None)
    if not cipher:
        raise RuntimeError(f"OpenSSL lacks {name.decode()}")
    ctx = lib.EVP_CIPHER_CTX_new()
    try:
        out = ctypes.create_string_buffer(len(data) + 16)
        tail = ctypes.create_string_buffer(16)
        n1, n2 = ctypes.c_int(0), ctypes.c_int(0)
        if not (
            lib.EVP_CipherInit_ex2(ctx, cipher, key, iv, 0, None)
            and lib.EVP_CipherUpdate(ctx, out, ctypes.byref(n1), data, len(data))
            and lib.EVP_CipherFinal_ex(ctx, tail, ctypes.byref(n2))
        ):
            raise ValueError("PKCS#12 decryption failed (wrong password?)")
        return out.raw[: n1.value] + tail.raw[: n2.value]
    finally:
        lib.EVP_CIPHER_CTX_free(ctx)


@dataclass(frozen=True)
class GostKeyPair:
    d: int
    certificate: x509.Certificate

    @property
    def certificate_der(self) -> bytes:
        return bytes(self.certificate.dump())


def _check_mac(pfx: pkcs12.Pfx, password: str) -> None:
    mac_data = pfx["mac_data"]
    salt = bytes(mac_data["mac_salt"].native)
    iterations = int(mac_data["iterations"].native)
    key = pkcs12_kdf(password, salt, iterations, 3, 20)
    content = bytes(pfx["auth_safe"]["content"].native)
    expected = bytes(mac_data["mac"]["digest"].native)
    if not hmac.compare_digest(hmac.new(key, content, "sha1").digest(), expected):
        raise ValueError("PKCS#12 MAC mismatch (wrong password or damaged file)")


def _private_scalar(pkcs8_der: bytes) -> int:
    # Our DER walker: asn1crypto's PrivateKeyInfo raises KeyError on the GOST key OID.
    _, s, e = der.tlv(pkcs8_der, 0, len(pkcs8_der))
    fields = der.children(pkcs8_der, s, e)
    raw = pkcs8_der[fields[2][2] : fields[2][3]]  # privateKey: OCTET STRING { OCTET STRING d }
    tag, s, e = der.tlv(raw, 0, len(raw))
    if tag == 0x04:
        raw = raw[s:e]
    return int.from_bytes(raw, "little")


def load_p12(path: str | Path, password: str = "Qwerty12") -> GostKeyPair:  # noqa: S107
    pfx = pkcs12.Pfx.load(Path(path).read_bytes())
    _check_mac(pfx, password)
    d: int | None = None
    certificate: x509.Certificate | None = None
    for info in pfx.authenticated_safe:
        if info["content_type"].native == "encrypted_data":
            encrypted = info["content"]["encrypted_content_info"]
            algorithm = encrypted["content_encryption_algorithm"]
            data = _decrypt_with(algorithm, password, bytes(encrypted["encrypted_content"].native))
            bags = pkcs12.SafeContents.load(data)
        else:
            bags = pkcs12.SafeContents.load(bytes(info["content"].native))
        for bag in bags:
            kind = bag["bag_id"].native
            if kind == "pkcs8_shrouded_key_bag":
                value = bag["bag_value"]
                algorithm = value["encryption_algorithm"]
                plain = _decrypt_with(algorithm, password, bytes(value["encrypted_data"].native))
                d = _private_scalar(plain)
            elif kind == "cert_bag":
                certificate = x509.Certificate.load(
                    bytes(bag["bag_value"]["cert_value"].parsed.dump())
                )
    if d is None or certificate is None:
        raise ValueError(f"{path}: no key and certificate found")
    return GostKeyPair(d, certificate)
