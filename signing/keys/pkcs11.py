"""Keys held on a PKCS#11 token (SoftHSM2 locally and in tests, a network HSM in production).

The session is opened once per process with pyHanko's
:func:`~pyhanko.sign.pkcs11.open_pkcs11_session` and shared by every key of the token.
A PKCS#11 session runs one operation at a time (``C_SignInit`` on a busy session fails with
``CKR_OPERATION_ACTIVE``), so signatures are serialised by a lock; the async variant runs the
device call in a worker thread so a slow HSM never stalls the event loop.  Certificates are
not read from the token: they are public and come from configuration, which also makes
"which certificate goes with this key" explicit.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from asn1crypto import x509
from pkcs11 import Mechanism, ObjectClass, Session
from pkcs11.exceptions import NoSuchKey
from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.sign.pkcs11 import open_pkcs11_session

from signing.keys.base import Digest, KeyNotFoundError, SigningKey

MECHANISMS: dict[str, Mechanism] = {
    "sha256": Mechanism.SHA256_RSA_PKCS,
    "sha384": Mechanism.SHA384_RSA_PKCS,
    "sha512": Mechanism.SHA512_RSA_PKCS,
}


class _SharedSession:
    """The process's logged-in session on one token, shared by reference count.

    PKCS#11 login state belongs to the application, not the session: a second ``C_Login``
    fails with ``CKR_USER_ALREADY_LOGGED_IN`` and closing the last session logs everyone out.
    So every :class:`Pkcs11Token` of a (module, token) pair uses one session and one lock.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.lock = threading.Lock()
        self.users = 0


_SESSIONS: dict[tuple[str, str], _SharedSession] = {}
_SESSIONS_LOCK = threading.Lock()


class Pkcs11Token:
    """A handle on the shared logged-in session of one token; close() releases it."""

    def __init__(self, module: str, token_label: str, pin: str) -> None:
        self.module = module
        self.token_label = token_label
        self._key = (module, token_label)
        with _SESSIONS_LOCK:
            shared = _SESSIONS.get(self._key)
            if shared is None:
                session = open_pkcs11_session(
                    module, token_criteria=TokenCriteria(label=token_label), user_pin=pin
                )
                shared = _SESSIONS[self._key] = _SharedSession(session)
            shared.users += 1
        self._shared: _SharedSession | None = shared

    @property
    def lock(self) -> threading.Lock:
        return self._live().lock

    def _live(self) -> _SharedSession:
        if self._shared is None:
            raise RuntimeError(f"token {self.token_label!r} is closed")
        return self._shared

    def find_private_key(self, label: str) -> Any:
        """The private-key object labelled ``label``; raises :class:`KeyNotFoundError`."""
        shared = self._live()
        with shared.lock:
            try:
                return shared.session.get_key(object_class=ObjectClass.PRIVATE_KEY, label=label)
            except NoSuchKey as exc:
                raise KeyNotFoundError(
                    f"no private key labelled {label!r} on token {self.token_label!r}"
                ) from exc

    def close(self) -> None:
        shared, self._shared = self._shared, None
        if shared is None:
            return
        with _SESSIONS_LOCK:
            shared.users -= 1
            if shared.users == 0:
                del _SESSIONS[self._key]
                with shared.lock:
                    shared.session.close()


class Pkcs11Key(SigningKey):
    """A private key that stays on the token; the token hashes and signs."""

    def __init__(
        self,
        token: Pkcs11Token,
        label: str,
        certificate: x509.Certificate,
        chain: tuple[x509.Certificate, ...],
    ) -> None:
        super().__init__(certificate, chain)
        self._token = token
        self.label = label
        self._handle = token.find_private_key(label)

    def sign(self, data: bytes, digest: Digest = "sha256") -> bytes:
        with self._token.lock:
            return bytes(self._handle.sign(data, mechanism=MECHANISMS[digest]))

    async def async_sign(self, data: bytes, digest: Digest = "sha256") -> bytes:
        return await asyncio.to_thread(self.sign, data, digest)
