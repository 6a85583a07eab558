"""What a signing key is to the rest of signing/: a certificate, its chain and a ``sign`` call.

Private key material never leaves this package: callers get a :class:`SigningKey`, ask it for
a signature over bytes and receive bytes.  Only RSA PKCS#1 v1.5 is offered -- it is what NCA RK
issues for RSA and what every verifier (Adobe, pdfsig, xmlsec1, openssl) accepts.
"""

from __future__ import annotations

import abc
from typing import Literal

from asn1crypto import x509

Digest = Literal["sha256", "sha384", "sha512"]


class KeyNotFoundError(LookupError):
    """No key is configured for this officer and role (or the token lacks the object)."""


class SigningKey(abc.ABC):
    """One officer's signing key with the certificate (and CA chain) that goes with it."""

    def __init__(self, certificate: x509.Certificate, chain: tuple[x509.Certificate, ...]) -> None:
        self.certificate = certificate
        self.chain = chain

    @property
    def key_size(self) -> int:
        return int(self.certificate.public_key.bit_size)

    @abc.abstractmethod
    def sign(self, data: bytes, digest: Digest = "sha256") -> bytes:
        """RSASSA-PKCS1-v1_5 signature of ``data`` (hashed here or by the token); blocking."""

    @abc.abstractmethod
    async def async_sign(self, data: bytes, digest: Digest = "sha256") -> bytes:
        """Same as :meth:`sign`, without blocking the event loop on slow devices."""
