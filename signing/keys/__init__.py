"""Signing keys held by the provider's officers: PKCS#11 (SoftHSM2, HSMs) with a PEM fallback.

Keys never leave this package.  Build a :class:`Keystore` once per process
(``Keystore.open(config)``, the :class:`KeystoreConfig` its caller's settings read), then
sign by officer IIN and role: ``await keystore.sign(iin, role, data)``, or hand
``keystore.key(iin, role)`` to :mod:`signing.pades`, or ``keystore.rsa_private_key(iin, role)``
to signxml.
"""

from signing.keys.base import Digest, KeyNotFoundError, SigningKey
from signing.keys.config import KeyConfig, KeystoreConfig
from signing.keys.rsa_adapter import KeyBackedRSAPrivateKey
from signing.keys.store import Keystore

__all__ = [
    "Digest",
    "KeyBackedRSAPrivateKey",
    "KeyConfig",
    "KeyNotFoundError",
    "Keystore",
    "KeystoreConfig",
    "SigningKey",
]
