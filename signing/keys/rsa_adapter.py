"""A cryptography ``RSAPrivateKey`` whose ``sign`` goes to a :class:`SigningKey`.

signxml (and anything else written against cryptography) accepts a key object and calls
``key.sign(data, padding, algorithm)``.  This adapter lets such code sign with a key that
lives on an HSM, without ever seeing the key: only PKCS#1 v1.5 signing is implemented;
decryption and export raise, as they would on a non-extractable token key.
"""

from __future__ import annotations

from typing import NoReturn

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding as padding_
from cryptography.hazmat.primitives.asymmetric import rsa, utils
from cryptography.hazmat.primitives.asymmetric.padding import AsymmetricPadding

from signing.keys.base import Digest, SigningKey

_DIGESTS: dict[str, Digest] = {"sha256": "sha256", "sha384": "sha384", "sha512": "sha512"}


class KeyBackedRSAPrivateKey(rsa.RSAPrivateKey):
    """RSA private key facade over a :class:`SigningKey` (sign only, PKCS#1 v1.5)."""

    def __init__(self, key: SigningKey) -> None:
        self._key = key
        public = serialization.load_der_public_key(key.certificate.public_key.dump())
        if not isinstance(public, rsa.RSAPublicKey):
            raise ValueError("the key store's certificate does not hold an RSA key")
        self._public = public

    def sign(
        self,
        data: bytes,
        padding: AsymmetricPadding,
        algorithm: utils.Prehashed | hashes.HashAlgorithm | utils.NoDigestInfo,
    ) -> bytes:
        if not isinstance(padding, padding_.PKCS1v15):
            raise ValueError("only PKCS#1 v1.5 signatures are supported by the key store")
        if not isinstance(algorithm, hashes.HashAlgorithm):
            raise ValueError("pre-hashed input is not supported by the key store")
        digest = _DIGESTS.get(algorithm.name)
        if digest is None:
            raise ValueError(f"unsupported digest {algorithm.name}")
        return self._key.sign(bytes(data), digest)

    @property
    def key_size(self) -> int:
        return self._public.key_size

    def public_key(self) -> rsa.RSAPublicKey:
        return self._public

    def decrypt(self, ciphertext: bytes, padding: AsymmetricPadding) -> NoReturn:
        raise NotImplementedError("signing keys do not decrypt")

    def private_numbers(self) -> NoReturn:
        raise NotImplementedError("key material never leaves signing.keys")

    def private_bytes(
        self,
        encoding: serialization.Encoding,
        format: serialization.PrivateFormat,  # cryptography's parameter name
        encryption_algorithm: serialization.KeySerializationEncryption,
    ) -> NoReturn:
        raise NotImplementedError("key material never leaves signing.keys")

    def __copy__(self) -> KeyBackedRSAPrivateKey:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> KeyBackedRSAPrivateKey:
        return self
