"""The PEM fallback: a private key read from a file once and kept in memory.

Loading (parsing + RSA consistency checks) is the expensive part -- pyHanko's SimpleSigner
repeats it for every signature -- so it happens once, here, when the key store is built.
Signing an RSA-2048 digest takes about a millisecond, so it runs inline on the caller's thread.
"""

from __future__ import annotations

from pathlib import Path

from asn1crypto import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from signing.keys.base import Digest, SigningKey

HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


class PemKey(SigningKey):
    """An RSA key held in process memory (development, or deployments without an HSM)."""

    def __init__(
        self,
        key: rsa.RSAPrivateKey,
        certificate: x509.Certificate,
        chain: tuple[x509.Certificate, ...],
    ) -> None:
        super().__init__(certificate, chain)
        self._key = key

    @classmethod
    def load(
        cls, key_path: Path, certificate: x509.Certificate, chain: tuple[x509.Certificate, ...]
    ) -> PemKey:
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise ValueError(f"{key_path}: only RSA signing keys are supported")
        return cls(key, certificate, chain)

    def sign(self, data: bytes, digest: Digest = "sha256") -> bytes:
        return self._key.sign(data, padding.PKCS1v15(), HASHES[digest]())

    async def async_sign(self, data: bytes, digest: Digest = "sha256") -> bytes:
        return self.sign(data, digest)
