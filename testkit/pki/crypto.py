"""certomancer's signing backend, with each private key parsed once per process.

certomancer's ``PycaCryptographyBackend.generic_sign`` parses the signer's private key from DER
for every signature it makes, and ``cryptography`` checks an RSA key when it parses it (OpenSSL's
``RSA_check_key``: about 40 ms for an RSA-2048 key on this machine). So every timestamp, OCSP
response and CRL the test PKI served spent ~40 ms checking the same key again; the signature
itself takes about 1 ms. (It also parses every key file twice when the PKI is built.)

:class:`KeyCachingBackend` keeps each parsed key: it is checked once, on first use, and the
objects ``cryptography`` returns may be used from several threads (the server is threaded).
:func:`install` makes it certomancer's backend; certomancer looks the backend up at each call
(``certomancer.crypto_utils.CRYPTO_BACKEND``), so this reaches every signature it makes.
"""

from __future__ import annotations

import threading

import certomancer.crypto_utils as certomancer_crypto
from asn1crypto import algos, keys, pem
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes


class KeyCachingBackend(certomancer_crypto.PycaCryptographyBackend):
    """certomancer's backend for ``cryptography``, parsing each private key only once."""

    def __init__(self) -> None:
        self._by_der: dict[bytes, PrivateKeyTypes] = {}  # PKCS#8 DER -> key
        self._by_file: dict[tuple[bytes, bytes | None], PrivateKeyTypes] = {}

    def _key(self, der: bytes) -> PrivateKeyTypes:
        key = self._by_der.get(der)
        if key is None:
            key = self._by_der.setdefault(der, serialization.load_der_private_key(der, None))
        return key

    def load_private_key(
        self, key_bytes: bytes, password: bytes | None
    ) -> tuple[keys.PrivateKeyInfo, keys.PublicKeyInfo]:
        """What certomancer's backend returns, from one parse of the key file instead of two."""
        key = self._by_file.get((key_bytes, password))
        if key is None:
            load = (
                serialization.load_pem_private_key
                if pem.detect(key_bytes)
                else serialization.load_der_private_key
            )
            key = self._by_file.setdefault((key_bytes, password), load(key_bytes, password))
        der = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        self._by_der.setdefault(der, key)
        public = key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return keys.PrivateKeyInfo.load(der), keys.PublicKeyInfo.load(public)

    def generic_sign(
        self,
        private_key: keys.PrivateKeyInfo,
        tbs_bytes: bytes,
        sd_algo: algos.SignedDigestAlgorithm,
    ) -> bytes:
        key = self._key(private_key.dump())
        algorithm = sd_algo.signature_algo
        if algorithm == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
            return key.sign(tbs_bytes, padding.PKCS1v15(), _hash(sd_algo))
        if algorithm == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
            return key.sign(tbs_bytes, ec.ECDSA(_hash(sd_algo)))
        # RSASSA-PSS, DSA, EdDSA: the test PKI does not sign with them; certomancer's own code.
        signature: bytes = super().generic_sign(private_key, tbs_bytes, sd_algo)
        return signature


def _hash(sd_algo: algos.SignedDigestAlgorithm) -> hashes.HashAlgorithm:
    algorithm: hashes.HashAlgorithm = getattr(hashes, str(sd_algo.hash_algo).upper())()
    return algorithm


_lock = threading.Lock()


def install() -> None:
    """Make certomancer sign through a :class:`KeyCachingBackend` (idempotent).

    A backend someone else installed (anything but certomancer's default) is left alone.
    """
    with _lock:
        if type(certomancer_crypto.CRYPTO_BACKEND) is certomancer_crypto.PycaCryptographyBackend:
            certomancer_crypto.CRYPTO_BACKEND = KeyCachingBackend()
