"""GOST R 34.11-94 (GOST 34.311-95 in Kazakhstan) in pure Python, with a chosen S-box.

NCA's GOST 34.310-2004 certificates, CRLs, OCSP answers and timestamps hash with the
*test* S-box (id-GostR3411-94-TestParamSet), which no C library we can install offers: the
gost engine's ``md_gost94`` is fixed to CryptoPro's S-box.  So this one stays in Python; it
runs at a few hundred KiB/s, enough for the certificates and small documents the 2004
generation still signs (large 2004-signed documents are the known slow case).

Byte layout follows the gost engine (and NCA): blocks and the result are little-endian
256-bit words; the message is read from its first byte.  The combined S-box-and-rotate
tables make one round four lookups.
"""

from __future__ import annotations

from collections.abc import Sequence

# Rows k1..k8; k1 substitutes the lowest nibble.
TEST_SBOX: tuple[tuple[int, ...], ...] = (
    (4, 10, 9, 2, 13, 8, 0, 14, 6, 11, 1, 12, 7, 15, 5, 3),
    (14, 11, 4, 12, 6, 13, 15, 10, 2, 3, 8, 1, 0, 7, 5, 9),
    (5, 8, 1, 13, 10, 3, 4, 2, 14, 15, 12, 7, 6, 0, 9, 11),
    (7, 13, 10, 1, 0, 8, 9, 15, 14, 4, 6, 12, 11, 2, 5, 3),
    (6, 12, 7, 1, 5, 15, 13, 8, 4, 10, 9, 14, 0, 3, 11, 2),
    (4, 11, 10, 0, 7, 2, 1, 13, 3, 6, 8, 5, 9, 12, 15, 14),
    (13, 11, 4, 1, 3, 15, 5, 9, 0, 10, 14, 7, 6, 8, 2, 12),
    (1, 15, 13, 0, 5, 7, 10, 4, 9, 2, 3, 14, 6, 11, 8, 12),
)
MASK32 = 0xFFFFFFFF
_TABLES: dict[int, tuple[list[int], ...]] = {}


def _tables(sbox: Sequence[Sequence[int]]) -> tuple[list[int], ...]:
    """Four 256-entry tables: S-box of one byte's two nibbles, shifted into place, <<< 11."""
    found = _TABLES.get(id(sbox))
    if found is not None:
        return found
    tables: list[list[int]] = []
    for byte_index in range(4):
        low, high = sbox[2 * byte_index], sbox[2 * byte_index + 1]
        table = []
        for value in range(256):
            word = (low[value & 15] | (high[value >> 4] << 4)) << (8 * byte_index)
            table.append(((word << 11) | (word >> 21)) & MASK32)
        tables.append(table)
    _TABLES[id(sbox)] = result = tuple(tables)
    return result


def _encrypt(tables: tuple[list[int], ...], key: bytes, block: bytes) -> bytes:
    """GOST 28147-89 ECB encryption of one 8-byte block (little-endian words)."""
    t0, t1, t2, t3 = tables
    k = [int.from_bytes(key[4 * i : 4 * i + 4], "little") for i in range(8)]
    schedule = k * 3 + k[::-1]
    n1 = int.from_bytes(block[:4], "little")
    n2 = int.from_bytes(block[4:], "little")
    for i in range(0, 32, 2):
        x = (n1 + schedule[i]) & MASK32
        n2 ^= t0[x & 255] ^ t1[(x >> 8) & 255] ^ t2[(x >> 16) & 255] ^ t3[x >> 24]
        x = (n2 + schedule[i + 1]) & MASK32
        n1 ^= t0[x & 255] ^ t1[(x >> 8) & 255] ^ t2[(x >> 16) & 255] ^ t3[x >> 24]
    return n2.to_bytes(4, "little") + n1.to_bytes(4, "little")


def _swap_bytes(w: bytes) -> bytes:  # the P transform
    return bytes(w[8 * (j % 4) + j // 4] for j in range(32))


def _circle_xor8(w: bytes) -> bytes:  # the A transform
    return w[8:] + bytes(a ^ b for a, b in zip(w[:8], w[8:16], strict=True))


def _psi(s: bytearray) -> bytearray:
    acc0 = s[0] ^ s[2] ^ s[4] ^ s[6] ^ s[24] ^ s[30]
    acc1 = s[1] ^ s[3] ^ s[5] ^ s[7] ^ s[25] ^ s[31]
    return s[2:] + bytearray((acc0, acc1))


def _xor(a: bytes, b: bytes) -> bytes:
    return (int.from_bytes(a, "little") ^ int.from_bytes(b, "little")).to_bytes(32, "little")


# C3 of the standard, as the byte positions it inverts.
_C3_INVERT = (1, 3, 5, 7, 8, 10, 12, 14, 17, 18, 20, 23, 24, 28, 29, 31)


def _step(tables: tuple[list[int], ...], h: bytes, m: bytes) -> bytes:
    w = _xor(h, m)
    s = bytearray(_encrypt(tables, _swap_bytes(w), h[0:8]))
    u = _circle_xor8(h)
    v = _circle_xor8(_circle_xor8(m))
    s += _encrypt(tables, _swap_bytes(_xor(u, v)), h[8:16])
    u_arr = bytearray(_circle_xor8(u))
    for i in _C3_INVERT:
        u_arr[i] ^= 0xFF
    u = bytes(u_arr)
    v = _circle_xor8(_circle_xor8(v))
    s += _encrypt(tables, _swap_bytes(_xor(u, v)), h[16:24])
    u = _circle_xor8(u)
    v = _circle_xor8(_circle_xor8(v))
    s += _encrypt(tables, _swap_bytes(_xor(u, v)), h[24:32])
    for _ in range(12):
        s = _psi(s)
    s = _psi(bytearray(_xor(bytes(s), m)))
    s = bytearray(_xor(bytes(s), h))
    for _ in range(61):
        s = _psi(s)
    return bytes(s)


def gost94(data: bytes, sbox: Sequence[Sequence[int]] = TEST_SBOX) -> bytes:
    """GOST R 34.11-94 digest of ``data`` (32 bytes, as the gost engine outputs it)."""
    tables = _tables(sbox)
    h = bytes(32)
    sigma = 0
    view = memoryview(data)
    full = len(data) - len(data) % 32
    for offset in range(0, full, 32):
        block = bytes(view[offset : offset + 32])
        h = _step(tables, h, block)
        sigma += int.from_bytes(block, "little")
    if full < len(data):
        block = bytes(view[full:]).ljust(32, b"\x00")
        h = _step(tables, h, block)
        sigma += int.from_bytes(block, "little")
    length = (len(data) * 8).to_bytes(32, "little")
    h = _step(tables, h, length)
    return _step(tables, h, (sigma % (1 << 256)).to_bytes(32, "little"))
