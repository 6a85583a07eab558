"""Officers' EDS login: single-use nonces and the sessions a login opens, both in Redis.

A console session is short-lived state that every gateway process must see and that must die
on its own after inactivity: Redis keys with a TTL do exactly that, with no table to sweep.
The session token (``qs_…``, 256 random bits) is shown once to the browser (cookie) or the
tool that logged in (JSON), and Redis keeps only its SHA-256 as the key, as the database
keeps only the hash of ``qo_`` tokens: a Redis dump opens no session.

Each session carries its own CSRF token, which the console's pages send back in a header; a
request authenticated by the cookie must present it before it may change anything.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta

import msgspec
from redis.asyncio import Redis

from registry.partners.keys import hash_api_key, new_api_key

SESSION_PREFIX = "qs_"
CHALLENGE_SECONDS = 300  # the contract: a nonce lives at most 5 minutes
_CHALLENGE_KEY = "qaqpa:officer-challenge:"
_SESSION_KEY = "qaqpa:officer-session:"


class Challenge(msgspec.Struct, frozen=True):
    nonce: str
    expires_at: datetime


class StoredSession(msgspec.Struct, frozen=True):
    """What Redis keeps of a session (under the token's hash)."""

    officer_id: uuid.UUID
    csrf: str


class OpenedSession(msgspec.Struct, frozen=True):
    token: str  # shown once
    csrf: str
    expires_at: datetime


def looks_like_session_token(token: str) -> bool:
    return token.startswith(SESSION_PREFIX)


async def issue_challenge(redis: Redis, now: datetime | None = None) -> Challenge:
    """A fresh nonce, stored until it is used or :data:`CHALLENGE_SECONDS` pass."""
    nonce = secrets.token_urlsafe(32)
    await redis.set(_CHALLENGE_KEY + nonce, b"1", ex=CHALLENGE_SECONDS)
    return Challenge(nonce, (now or datetime.now(UTC)) + timedelta(seconds=CHALLENGE_SECONDS))


async def consume_challenge(redis: Redis, nonce: str) -> bool:
    """True once for a nonce this gateway issued and that has not expired; False after.

    GETDEL is atomic, so two concurrent logins with one signed nonce cannot both pass.
    """
    if not nonce or len(nonce) > 128:
        return False
    return await redis.getdel(_CHALLENGE_KEY + nonce) is not None


async def open_session(
    redis: Redis, officer_id: uuid.UUID, idle_seconds: float, now: datetime | None = None
) -> OpenedSession:
    token = new_api_key(SESSION_PREFIX)
    csrf = secrets.token_urlsafe(24)
    stored = msgspec.json.encode(StoredSession(officer_id, csrf))
    await redis.set(_SESSION_KEY + hash_api_key(token), stored, ex=_ttl(idle_seconds))
    expires = (now or datetime.now(UTC)) + timedelta(seconds=idle_seconds)
    return OpenedSession(token, csrf, expires)


async def touch_session(
    redis: Redis, token: str, idle_seconds: float, *, restart: bool = True
) -> StoredSession | None:
    """The session of ``token``; None when unknown or expired.

    ``restart`` restarts its idle clock: a request the officer made. A page's own background
    refresh passes False, so an open tab alone does not keep a session alive forever.
    """
    if not looks_like_session_token(token):
        return None
    key = _SESSION_KEY + hash_api_key(token)
    if not restart:
        raw = await redis.get(key)
    else:
        async with redis.pipeline(transaction=True) as pipe:
            pipe.get(key)
            pipe.expire(key, _ttl(idle_seconds), xx=True)
            raw, _ = await pipe.execute()
    return None if raw is None else msgspec.json.decode(raw, type=StoredSession)


async def close_session(redis: Redis, token: str) -> None:
    if looks_like_session_token(token):
        await redis.delete(_SESSION_KEY + hash_api_key(token))


def _ttl(seconds: float) -> int:
    return max(1, round(seconds))
