"""The GOST digests by name, each from the fastest implementation present.

Streebog comes from the gost provider (:mod:`signing.gost.native`) or, when
libengine-gost-openssl is not installed, from ``gostcrypto`` in pure Python -- the same bytes
~1000 times slower, announced once in the log.  GOST R 34.11-94 with the test S-box is
always pure Python (:mod:`signing.gost.gost94`).  Output bytes are as the algorithms
produce them; NCA reads them as a little-endian integer when it signs (see
:mod:`signing.gost.curve`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache

from signing.gost import native
from signing.gost.gost94 import gost94
from signing.gost.params import HashName

log = logging.getLogger(__name__)


def _pure_streebog(bits: int) -> Callable[[bytes], bytes]:
    from gostcrypto import gosthash  # type: ignore[import-untyped]

    name = f"streebog{bits}"

    def digest(data: bytes) -> bytes:
        return bytes(gosthash.new(name, data=data).digest())

    return digest


@cache
def hasher(name: HashName) -> Callable[[bytes], bytes]:
    if name == "gost94_test":
        return gost94
    bits = 512 if name == "streebog512" else 256
    fast = native.streebog_backend(bits)
    if fast is not None:
        return fast.digest
    log.warning(
        "GOST: Streebog-%d from the gost OpenSSL provider is unavailable "
        "(install libengine-gost-openssl); using pure Python, ~0.1 MiB/s",
        bits,
    )
    return _pure_streebog(bits)


def digest(name: HashName, data: bytes) -> bytes:
    return hasher(name)(data)


def fast_paths() -> dict[str, bool]:
    """Which fast paths this process has (for the benchmark and the start-up log)."""
    from signing.gost.params import TC26_512_A

    return {
        "streebog": native.streebog_backend(512) is not None,
        "curves": native.ec_backend(TC26_512_A) is not None,
    }
