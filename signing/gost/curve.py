"""GOST R 34.10 signature arithmetic in NCA's byte layout, fast or pure.

NCA's layout (confirmed on real samples): public key X‖Y and signature r‖s, each half
little-endian; the digest read as a little-endian integer mod q (0 becomes 1).  Verification
is the standard one: v = e⁻¹, z1 = s·v, z2 = −r·v (mod q), R = x(z1·G + z2·Q) mod q, valid
iff R = r.  The point multiplication runs in libcrypto when :mod:`signing.gost.native` has
it, otherwise here in Jacobian coordinates (a correct fallback, ~10x slower).
"""

from __future__ import annotations

import logging
import secrets
from functools import cache

from signing.gost import native
from signing.gost.params import Curve

log = logging.getLogger(__name__)

Point = tuple[int, int, int]  # Jacobian X, Y, Z; Z == 0 is infinity
INFINITY: Point = (1, 1, 0)


def _double(curve: Curve, pt: Point) -> Point:
    x, y, z = pt
    if z == 0 or y == 0:
        return INFINITY
    p = curve.p
    yy = y * y % p
    s = 4 * x * yy % p
    zz = z * z % p
    m = (3 * x * x + curve.a * zz * zz) % p
    nx = (m * m - 2 * s) % p
    ny = (m * (s - nx) - 8 * yy * yy) % p
    return nx, ny, 2 * y * z % p


def _add(curve: Curve, p1: Point, p2: Point) -> Point:
    if p1[2] == 0:
        return p2
    if p2[2] == 0:
        return p1
    p = curve.p
    x1, y1, z1 = p1
    x2, y2, z2 = p2
    z1z1 = z1 * z1 % p
    z2z2 = z2 * z2 % p
    u1 = x1 * z2z2 % p
    u2 = x2 * z1z1 % p
    s1 = y1 * z2 * z2z2 % p
    s2 = y2 * z1 * z1z1 % p
    if u1 == u2:
        return _double(curve, p1) if s1 == s2 else INFINITY
    h = (u2 - u1) % p
    r = (s2 - s1) % p
    hh = h * h % p
    hhh = h * hh % p
    v = u1 * hh % p
    nx = (r * r - hhh - 2 * v) % p
    ny = (r * (v - nx) - s1 * hhh) % p
    return nx, ny, h * z1 * z2 % p


def _pure_mul_add(curve: Curve, n: int, point: tuple[int, int] | None, m: int) -> int | None:
    """x of n*G + m*Q by Shamir's trick, or None (infinity, or Q not on the curve)."""
    g: Point = (curve.x, curve.y, 1)
    acc = INFINITY
    if point is None:
        q: Point = INFINITY
        m = 0
    else:
        x, y = point
        if not (0 <= x < curve.p and 0 <= y < curve.p):
            return None
        if (y * y - x * x * x - curve.a * x - curve.b) % curve.p:
            return None
        q = (x, y, 1)
    both = _add(curve, g, q)
    for bit in range(max(n.bit_length(), m.bit_length()) - 1, -1, -1):
        acc = _double(curve, acc)
        pick = ((n >> bit) & 1) | (((m >> bit) & 1) << 1)
        if pick:
            acc = _add(curve, acc, (g, q, both)[pick - 1])
    if acc[2] == 0:
        return None
    z_inv = pow(acc[2], -1, curve.p)
    return acc[0] * z_inv * z_inv % curve.p


@cache
def _warn_pure(curve_name: str) -> None:
    log.warning(
        "GOST: libcrypto's EC arithmetic is unavailable for %s; using pure Python (slower)",
        curve_name,
    )


def mul_add(curve: Curve, n: int, point: tuple[int, int] | None, m: int) -> int | None:
    fast = native.ec_backend(curve)
    if fast is not None:
        return fast.mul_add(n, point, m)
    _warn_pure(curve.name)
    return _pure_mul_add(curve, n, point, m)


def digest_int(curve: Curve, digest: bytes) -> int:
    e = int.from_bytes(digest, "little") % curve.q
    return e or 1


def parse_point(curve: Curve, raw: bytes) -> tuple[int, int] | None:
    size = curve.size
    if len(raw) != 2 * size:
        return None
    return int.from_bytes(raw[:size], "little"), int.from_bytes(raw[size:], "little")


def verify(curve: Curve, public: tuple[int, int], digest: bytes, signature: bytes) -> bool:
    """True when ``signature`` (r‖s, little-endian halves) signs ``digest`` under ``public``."""
    size = curve.size
    if len(signature) != 2 * size:
        return False
    r = int.from_bytes(signature[:size], "little")
    s = int.from_bytes(signature[size:], "little")
    q = curve.q
    if not (0 < r < q and 0 < s < q):
        return False
    v = pow(digest_int(curve, digest), -1, q)
    z1 = s * v % q
    z2 = (q - r) * v % q
    x = mul_add(curve, z1, public, z2)
    return x is not None and x % q == r


def public_key(curve: Curve, d: int) -> tuple[int, int]:
    """d·G, for the test signer's sanity check that a key matches its certificate."""
    g: Point = (curve.x, curve.y, 1)
    acc = INFINITY
    for bit in range(d.bit_length() - 1, -1, -1):
        acc = _double(curve, acc)
        if (d >> bit) & 1:
            acc = _add(curve, acc, g)
    z_inv = pow(acc[2], -1, curve.p)
    return acc[0] * z_inv * z_inv % curve.p, acc[1] * z_inv**3 % curve.p


def sign(curve: Curve, d: int, digest: bytes) -> bytes:
    """r‖s (little-endian halves) with a fresh random k -- used by the test kit's signer."""
    q = curve.q
    e = digest_int(curve, digest)
    while True:
        k = secrets.randbelow(q - 1) + 1
        x = mul_add(curve, k, None, 0)
        if x is None:
            continue
        r = x % q
        s = (r * d + k * e) % q
        if r and s:
            return r.to_bytes(curve.size, "little") + s.to_bytes(curve.size, "little")
