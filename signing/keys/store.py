"""The key store: officer (IIN) + role -> the key that signs for them.

Built once per process from :class:`~signing.keys.config.KeystoreConfig`; keys are loaded (PEM
parsed, token objects looked up) up front so a missing key fails at start-up, not at the first
signature, and so no signature pays for loading.  The rest of the code passes an IIN and a
role and gets signed bytes (or, for signxml, an ``RSAPrivateKey`` facade).
"""

from __future__ import annotations

from pathlib import Path

from signing.keys.base import Digest, KeyNotFoundError, SigningKey
from signing.keys.config import KeystoreConfig
from signing.keys.pem import PemKey
from signing.keys.pkcs11 import Pkcs11Key, Pkcs11Token
from signing.keys.rsa_adapter import KeyBackedRSAPrivateKey
from signing.trust import load_certificates


class Keystore:
    """Signing keys by (IIN, role); close() releases the PKCS#11 session."""

    def __init__(self, keys: dict[tuple[str, str], SigningKey], token: Pkcs11Token | None) -> None:
        self._keys = keys
        self._token = token

    @classmethod
    def open(cls, config: KeystoreConfig) -> Keystore:
        chain = tuple(load_certificates(config.chain))
        token: Pkcs11Token | None = None
        if any(entry.label is not None for entry in config.keys):
            assert config.pkcs11_module is not None and config.token_label is not None
            token = Pkcs11Token(config.pkcs11_module, config.token_label, config.pin or "")
        keys: dict[tuple[str, str], SigningKey] = {}
        try:
            for entry in config.keys:
                certificate = load_certificates([entry.certificate])[0]
                key: SigningKey
                if entry.label is not None:
                    assert token is not None
                    key = Pkcs11Key(token, entry.label, certificate, chain)
                else:
                    assert entry.key_file is not None
                    key = PemKey.load(Path(entry.key_file), certificate, chain)
                keys[(entry.iin, entry.role)] = key
        except BaseException:
            if token is not None:
                token.close()
            raise
        return cls(keys, token)

    def officers(self) -> list[tuple[str, str]]:
        """The configured (IIN, role) pairs."""
        return sorted(self._keys)

    def key(self, iin: str, role: str) -> SigningKey:
        try:
            return self._keys[(iin, role)]
        except KeyError:
            raise KeyNotFoundError(f"no signing key for officer {iin} as {role}") from None

    async def sign(self, iin: str, role: str, data: bytes, digest: Digest = "sha256") -> bytes:
        """RSASSA-PKCS1-v1_5 signature over ``data`` by the officer's key."""
        return await self.key(iin, role).async_sign(data, digest)

    def rsa_private_key(self, iin: str, role: str) -> KeyBackedRSAPrivateKey:
        """A cryptography ``RSAPrivateKey`` facade for signxml and similar libraries."""
        return KeyBackedRSAPrivateKey(self.key(iin, role))

    def close(self) -> None:
        if self._token is not None:
            self._token.close()
            self._token = None

    def __enter__(self) -> Keystore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
