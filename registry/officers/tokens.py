"""Officer access tokens: 256 random bits shown once, stored as their SHA-256.

They are made exactly like partner API keys (:mod:`registry.partners.keys`, whose reasoning
about the fast hash holds here too) but carry their own prefix, so a token pasted in the wrong
place is recognisable at a glance and the gateway can refuse a partner key on an officer route
without a database round trip.
"""

from __future__ import annotations

from registry.partners.keys import hash_api_key, new_api_key

TOKEN_PREFIX = "qo_"  # noqa: S105 -- a prefix, not a secret


def new_officer_token() -> str:
    return new_api_key(TOKEN_PREFIX)


def hash_officer_token(token: str) -> str:
    return hash_api_key(token)


def looks_like_officer_token(token: str) -> bool:
    """A cheap pre-check: anything without the officer prefix cannot be an officer's token."""
    return token.startswith(TOKEN_PREFIX)
