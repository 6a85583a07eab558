"""pyHanko's ``Signer`` over a :class:`signing.keys.SigningKey` (PEM or PKCS#11).

Built once per key and reused for every document: the certificate store (chain) is assembled
once, and the key is already loaded -- pyHanko's ``SimpleSigner`` instead re-parses and
re-validates the RSA key for every raw signature.  The chain is registered explicitly, so it
ends up in the CMS ``certificates`` (pyHanko's ``PKCS11Signer`` leaves it out unless told).
"""

from __future__ import annotations

from pyhanko.sign.signers import Signer
from pyhanko_certvalidator.registry import SimpleCertificateStore

from signing.keys import Digest, SigningKey

_DIGESTS: dict[str, Digest] = {"sha256": "sha256", "sha384": "sha384", "sha512": "sha512"}


class KeySigner(Signer):
    """A reusable pyHanko signer whose raw signatures come from a key store key."""

    def __init__(self, key: SigningKey) -> None:
        registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]
        registry.register_multiple([key.certificate, *key.chain])
        super().__init__(signing_cert=key.certificate, cert_registry=registry, embed_roots=True)
        self._key = key

    @property
    def key(self) -> SigningKey:
        return self._key

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        if dry_run:
            return bytes(self._key.key_size // 8)
        digest = _DIGESTS.get(digest_algorithm.lower())
        if digest is None:
            raise ValueError(f"unsupported digest {digest_algorithm}")
        return await self._key.async_sign(data, digest)
