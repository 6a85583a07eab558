"""API keys: 256 random bits shown once, stored as their SHA-256.

A fast hash is the right one here: the key is not a password (it has full entropy), so a
slow KDF would only add latency to every request without making guessing any harder.
"""

from __future__ import annotations

import hashlib
import secrets

KEY_PREFIX = "qk_"


def new_api_key(prefix: str = KEY_PREFIX) -> str:
    """256 random bits, URL-safe; ``prefix`` tells a reader (and a secret scanner) the kind."""
    return prefix + secrets.token_urlsafe(32)


def hash_api_key(api_key: str) -> str:
    return hashlib.sha256(api_key.encode()).hexdigest()
