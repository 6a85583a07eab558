"""The fast path: the system's libcrypto through ctypes, for curve arithmetic and Streebog.

Why this and not a wheel or our own C extension (measured on the 2-core build machine):

* Curve arithmetic.  OpenSSL's generic prime-field EC code (``EC_GROUP_new_curve_GFp``)
  takes *any* Weierstrass curve, so the GOST curves need nothing but libcrypto, which every
  machine with Python's ``ssl`` has.  One ``EC_POINT_mul`` computes z1*G + z2*Q; the rest
  of GOST verification (an inverse and two products mod q) is cheap in Python.  A 512-bit
  verification costs ~1 ms this way against ~10 ms in careful pure Python.
* Streebog.  Debian's ``libengine-gost-openssl`` ships an OpenSSL 3 *provider*
  (``gostprov``) with an SSE-optimised Streebog (~95 MiB/s here).  We load it into a
  private ``OSSL_LIB_CTX`` so the process-wide OpenSSL configuration (``hashlib``, ``ssl``)
  is left exactly as it was.  ``scripts/bootstrap.sh`` installs the package.
* No compiler at install time, no wheel to trust: PyPI has only pure-Python GOST packages
  (``gostcrypto`` ~0.1 MiB/s, which we keep as the Streebog fallback), and a C extension
  would need a build hook and a compiler on every deployment target.

Each piece is optional: :func:`ec_backend` and :func:`streebog_backend` return None when
libcrypto or the provider is missing, and :mod:`signing.gost.hashes` / :mod:`signing.gost.curve`
log once and fall back to pure Python, which gives the same answers more slowly.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from functools import cache

from signing.gost.params import Curve

log = logging.getLogger(__name__)

_P = ctypes.c_void_p


@cache
def _libcrypto() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("crypto")
    for candidate in (name, "libcrypto.so.3"):
        if not candidate:
            continue
        try:
            lib = ctypes.CDLL(candidate)
            lib.OpenSSL_version_num.restype = ctypes.c_ulong
            if lib.OpenSSL_version_num() < 0x30000000:
                continue  # the provider API needs OpenSSL 3
        except (OSError, AttributeError):
            continue
        _declare(lib)
        return lib
    return None


def _declare(lib: ctypes.CDLL) -> None:
    signatures: dict[str, tuple[object, list[object]]] = {
        "OSSL_LIB_CTX_new": (_P, []),
        "OSSL_PROVIDER_load": (_P, [_P, ctypes.c_char_p]),
        "EVP_MD_fetch": (_P, [_P, ctypes.c_char_p, ctypes.c_char_p]),
        "EVP_Digest": (
            ctypes.c_int,
            [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, _P, _P, _P],
        ),
        "BN_CTX_new": (_P, []),
        "BN_CTX_free": (None, [_P]),
        "BN_bin2bn": (_P, [ctypes.c_char_p, ctypes.c_int, _P]),
        "BN_bn2binpad": (ctypes.c_int, [_P, ctypes.c_char_p, ctypes.c_int]),
        "BN_new": (_P, []),
        "BN_free": (None, [_P]),
        "EC_GROUP_new_curve_GFp": (_P, [_P, _P, _P, _P]),
        "EC_GROUP_set_generator": (ctypes.c_int, [_P, _P, _P, _P]),
        "EC_POINT_new": (_P, [_P]),
        "EC_POINT_free": (None, [_P]),
        "EC_POINT_set_affine_coordinates": (ctypes.c_int, [_P, _P, _P, _P, _P]),
        "EC_POINT_get_affine_coordinates": (ctypes.c_int, [_P, _P, _P, _P, _P]),
        "EC_POINT_mul": (ctypes.c_int, [_P, _P, _P, _P, _P, _P]),
        "EC_POINT_is_at_infinity": (ctypes.c_int, [_P, _P]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes


class _Bignums:
    """BIGNUMs made for one call and freed after it (a context manager)."""

    def __init__(self, lib: ctypes.CDLL, size: int) -> None:
        self._lib = lib
        self._size = size
        self._made: list[int] = []

    def of(self, value: int) -> int:
        raw = value.to_bytes(self._size, "big")
        bn = self._lib.BN_bin2bn(raw, len(raw), None)
        if not bn:
            raise MemoryError("BN_bin2bn")
        self._made.append(bn)
        return int(bn)

    def new(self) -> int:
        bn = self._lib.BN_new()
        if not bn:
            raise MemoryError("BN_new")
        self._made.append(bn)
        return int(bn)

    def value(self, bn: int) -> int:
        out = ctypes.create_string_buffer(self._size)
        if self._lib.BN_bn2binpad(bn, out, self._size) != self._size:
            raise ValueError("BN_bn2binpad")
        return int.from_bytes(out.raw, "big")

    def __enter__(self) -> _Bignums:
        return self

    def __exit__(self, *exc: object) -> None:
        for bn in self._made:
            self._lib.BN_free(bn)


class EcGroup:
    """One GOST curve as an OpenSSL EC_GROUP (built once, kept for the process)."""

    def __init__(self, lib: ctypes.CDLL, curve: Curve) -> None:
        self._lib = lib
        self._size = curve.size
        ctx = lib.BN_CTX_new()
        with _Bignums(lib, self._size + 1) as bns:
            group = lib.EC_GROUP_new_curve_GFp(
                bns.of(curve.p), bns.of(curve.a), bns.of(curve.b), ctx
            )
            if not group:
                raise ValueError(f"OpenSSL refused curve {curve.name}")
            generator = lib.EC_POINT_new(group)
            ok = lib.EC_POINT_set_affine_coordinates(
                group, generator, bns.of(curve.x), bns.of(curve.y), ctx
            ) and lib.EC_GROUP_set_generator(group, generator, bns.of(curve.q), bns.of(1))
            lib.EC_POINT_free(generator)
        lib.BN_CTX_free(ctx)
        if not ok:
            raise ValueError(f"OpenSSL refused the generator of {curve.name}")
        self._group = group

    def mul_add(self, n: int, point: tuple[int, int] | None, m: int) -> int | None:
        """x of n*G + m*point (point None: n*G alone); None when it is infinity or the
        point is not on the curve."""
        lib = self._lib
        ctx = lib.BN_CTX_new()
        q_point = None
        result = lib.EC_POINT_new(self._group)
        try:
            with _Bignums(lib, self._size + 1) as bns:
                if point is not None:
                    q_point = lib.EC_POINT_new(self._group)
                    # This call also checks that the point is on the curve.
                    if not lib.EC_POINT_set_affine_coordinates(
                        self._group, q_point, bns.of(point[0]), bns.of(point[1]), ctx
                    ):
                        return None
                if not lib.EC_POINT_mul(
                    self._group,
                    result,
                    bns.of(n),
                    q_point,
                    bns.of(m) if point is not None else None,
                    ctx,
                ):
                    return None
                if lib.EC_POINT_is_at_infinity(self._group, result):
                    return None
                x = bns.new()
                if not lib.EC_POINT_get_affine_coordinates(self._group, result, x, None, ctx):
                    return None
                return bns.value(x)
        finally:
            if q_point is not None:
                lib.EC_POINT_free(q_point)
            lib.EC_POINT_free(result)
            lib.BN_CTX_free(ctx)


_GROUPS: dict[str, EcGroup] = {}


def ec_backend(curve: Curve) -> EcGroup | None:
    """libcrypto's arithmetic for ``curve``, None when libcrypto is not usable."""
    found = _GROUPS.get(curve.name)
    if found is not None:
        return found
    lib = _libcrypto()
    if lib is None:
        return None
    try:
        found = EcGroup(lib, curve)
    except (ValueError, OSError, AttributeError) as exc:
        log.warning("GOST: libcrypto cannot do curve %s (%s); using pure Python", curve.name, exc)
        return None
    _GROUPS[curve.name] = found
    return found


class Streebog:
    """Streebog from the gost provider, in a library context of its own."""

    def __init__(self, lib: ctypes.CDLL, md: int, size: int) -> None:
        self._lib = lib
        self._md = md
        self.size = size

    def digest(self, data: bytes) -> bytes:
        out = ctypes.create_string_buffer(self.size)
        if not self._lib.EVP_Digest(data, len(data), out, None, self._md, None):
            raise ValueError("EVP_Digest failed")
        return out.raw


@cache
def _gost_context() -> int | None:
    lib = _libcrypto()
    if lib is None:
        return None
    context = lib.OSSL_LIB_CTX_new()
    if not context or not lib.OSSL_PROVIDER_load(context, b"gostprov"):
        return None
    return int(context)


def streebog_backend(bits: int) -> Streebog | None:
    """Streebog-512 or -256 from libengine-gost-openssl's provider, None when absent."""
    lib = _libcrypto()
    context = _gost_context()
    if lib is None or context is None:
        return None
    md = lib.EVP_MD_fetch(context, f"md_gost12_{bits}".encode(), None)
    if not md:
        return None
    return Streebog(lib, int(md), bits // 8)
