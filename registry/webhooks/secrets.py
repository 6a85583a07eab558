"""The endpoints' signing secrets: ``whsec_`` + base64 of 32 random bytes (Standard Webhooks).

A webhook secret must be available to sign every delivery, so it cannot be stored hashed as
API keys are. It is stored sealed with AES-256-GCM under ``QAQPA_WEBHOOK_SECRET_KEY`` (base64 of
32 bytes, from the environment only), with the endpoint's id as associated data so a sealed
secret cannot be moved to another endpoint's row. A database copy alone then reveals no secret;
production refuses to start with the built-in development key (registry/production.py).
Secrets never reach a log: only :func:`signature_header` uses them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Iterable

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from registry.settings import Settings

PREFIX = "whsec_"
SECRET_BYTES = 32
NONCE_BYTES = 12
# For local runs and tests only: production refuses it (registry.production).
DEVELOPMENT_KEY = hashlib.sha256(b"qaqpa development webhook sealing key").digest()


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def secret_bytes(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(PREFIX))


def sealing_key(settings: Settings) -> bytes:
    """The AES-256 key: ``QAQPA_WEBHOOK_SECRET_KEY`` decoded, or the development key."""
    raw = settings.webhook_secret_key.strip()
    if not raw:
        return DEVELOPMENT_KEY
    key = base64.b64decode(raw)
    if len(key) != SECRET_BYTES:
        raise ValueError("QAQPA_WEBHOOK_SECRET_KEY must be base64 of 32 bytes")
    return key


def seal(key: bytes, endpoint_id: uuid.UUID, secret: str) -> bytes:
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, secret.encode(), endpoint_id.bytes)


def unseal(key: bytes, endpoint_id: uuid.UUID, sealed: bytes) -> str:
    nonce, ciphertext = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
    return AESGCM(key).decrypt(nonce, ciphertext, endpoint_id.bytes).decode()


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 HMAC-SHA256 of "id.timestamp.body">``."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_bytes(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signature_header(
    secrets_in_use: Iterable[str], message_id: str, timestamp: int, body: bytes
) -> str:
    """The ``webhook-signature`` value: one signature per valid secret, space-separated."""
    return " ".join(signature(s, message_id, timestamp, body) for s in secrets_in_use)
