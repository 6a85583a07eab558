"""Benchmark of GOST verification (``make bench``), against RSA-2048 in the same run.

NCA's GOST R 34.10-2015 (512-bit) test key signs the same documents as the local test PKI's
RSA-2048 key; both go through :class:`signing.verify.Verifier` with their certificate verdict
cached (the gateway's steady state).  Figures, each with its ratio to RSA:

* warm detached-CMS verification of a 10 KB document, median per verification (one core);
* Streebog-512 throughput (the gost provider; the pure-Python fallback for reference);
* a 5 MiB attached CMS verified end to end (parse, digest, signature).

Goals (issue 15): warm <= 3 ms, Streebog-512 >= 50 MiB/s, 5 MiB attached <= 0.5 s.
Run: ``uv run python -m bench.bench_gost [--json] [--strict]``.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import logging
import secrets
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.intake_payloads import individual_signer
from signing.gost import curve, hashes
from signing.gost.gost94 import gost94
from signing.gost.params import TC26_512_A
from signing.policy import VerificationPolicy
from signing.result import Code
from signing.verify import Verifier
from testkit.gost.signer import GostSigner
from testkit.pki.sign import sign_cms

ROOT = Path(__file__).resolve().parent.parent
GOST_DIR = ROOT / "tests" / "signing" / "interop" / "nca-gost"
GOALS = {"warm_ms": 3.0, "streebog_mib_s": 50.0, "attached_5mib_s": 0.5}
DOCUMENT = (b'{"service":"declarant-certificate","iin":"123456789011","lang":"kk"}\n' * 160)[
    :10_240
]
BIG = secrets.token_bytes(5 * 1024 * 1024)
# Warm verdicts for the whole run: soft mode keeps them cached even once the copied NCA CRL
# is past its nextUpdate (2027-02-07); the warm path itself is the same either way.
CACHE = {"revocation_mode": "soft", "negative_cache_seconds": 3600.0}


def gost_policy() -> VerificationPolicy:
    anchors = (str(GOST_DIR / "root_test_gost_2022.cer"), str(GOST_DIR / "nca_gost2022_test.cer"))
    return VerificationPolicy(
        trust_anchors=anchors,
        crl_files=(str(GOST_DIR / "nca_gost2022_test.crl"),),
        offline=True,
        test_pki=True,
        **CACHE,  # type: ignore[arg-type]
    )


async def warm_ms(policy: VerificationPolicy, signature: bytes, seconds: float) -> float:
    """Median milliseconds per warm detached verification, in batches of 50."""
    async with Verifier(policy) as verifier:
        for _ in range(20):
            result = await verifier.verify_cms(signature, DOCUMENT)
        if result.code is not Code.OK:
            raise SystemExit(f"warm verification failed: {result.code} {result.message}")
        batches: list[float] = []
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline or len(batches) < 5:
            start = time.perf_counter()
            for _ in range(50):
                await verifier.verify_cms(signature, DOCUMENT)
            batches.append((time.perf_counter() - start) / 50 * 1000)
    return statistics.median(batches)


async def attached_s(policy: VerificationPolicy, cms: bytes, rounds: int) -> float:
    async with Verifier(policy) as verifier:
        await verifier.verify_cms(cms)  # the verdict, once
        timings = []
        for _ in range(rounds):
            start = time.perf_counter()
            result = await verifier.verify_cms(cms)
            timings.append(time.perf_counter() - start)
        if result.code is not Code.OK:
            raise SystemExit(f"5 MiB verification failed: {result.code} {result.message}")
    return statistics.median(timings)


def mib_per_s(function: Callable[[bytes], bytes], data: bytes, rounds: int = 3) -> float:
    best = min(_timed(function, data) for _ in range(rounds))
    return len(data) / best / (1024 * 1024)


def _timed(function: Callable[[bytes], bytes], data: bytes) -> float:
    start = time.perf_counter()
    function(data)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="warm-path duration each")
    parser.add_argument("--json", action="store_true", help="print only the JSON summary")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    gost = GostSigner.from_p12(GOST_DIR / "p12" / "individual_valid_individual_valid.p12")
    gost_detached = gost.sign_cms(DOCUMENT)
    gost_big = gost.sign_cms(BIG, detached=False)
    with individual_signer() as (pki, cert, key):
        rsa_policy = VerificationPolicy(
            trust_anchors=(str(pki.trust_dir),),
            intermediates=(str(pki.intermediates_file),),
            **CACHE,  # type: ignore[arg-type]
        )
        rsa_detached = sign_cms(DOCUMENT, cert, key)
        rsa_big = sign_cms(BIG, cert, key, detached=False)
        rsa_warm = asyncio.run(warm_ms(rsa_policy, rsa_detached, args.seconds))
        rsa_attached = asyncio.run(attached_s(rsa_policy, rsa_big, 5))
    gost_warm = asyncio.run(warm_ms(gost_policy(), gost_detached, args.seconds))
    gost_attached = asyncio.run(attached_s(gost_policy(), gost_big, 5))
    streebog = mib_per_s(hashes.hasher("streebog512"), secrets.token_bytes(32 * 1024 * 1024))
    sha256 = mib_per_s(lambda d: hashlib.sha256(d).digest(), secrets.token_bytes(32 << 20))
    pure_streebog = mib_per_s(hashes._pure_streebog(512), secrets.token_bytes(32 * 1024), 1)
    gost94_rate = mib_per_s(gost94, secrets.token_bytes(64 * 1024), 1)
    point = curve.public_key(TC26_512_A, 12345)
    start = time.perf_counter()
    curve._pure_mul_add(TC26_512_A, secrets.randbelow(TC26_512_A.q), point, 7)
    pure_verify_ms = (time.perf_counter() - start) * 1000
    summary = {
        "fast_paths": hashes.fast_paths(),
        "rsa2048_warm_detached_ms": round(rsa_warm, 3),
        "gost512_warm_detached_ms": round(gost_warm, 3),
        "gost_over_rsa_warm": round(gost_warm / rsa_warm, 2),
        "streebog512_mib_s": round(streebog, 1),
        "sha256_mib_s": round(sha256, 1),
        "streebog_over_sha256": round(streebog / sha256, 3),
        "rsa2048_attached_5mib_s": round(rsa_attached, 4),
        "gost512_attached_5mib_s": round(gost_attached, 4),
        "gost_over_rsa_attached": round(gost_attached / rsa_attached, 2),
        "fallback_streebog_mib_s": round(pure_streebog, 3),
        "fallback_curve_verify_ms": round(pure_verify_ms, 1),
        "gost94_test_sbox_mib_s": round(gost94_rate, 3),
        "goals": GOALS,
    }
    met = {
        "warm": gost_warm <= GOALS["warm_ms"],
        "streebog": streebog >= GOALS["streebog_mib_s"],
        "attached": gost_attached <= GOALS["attached_5mib_s"],
    }
    summary["meets_goals"] = met
    if not args.json:
        rows = [
            ("warm detached CMS, 10 KB, ms", gost_warm, rsa_warm, "<= 3 ms"),
            ("5 MiB attached CMS, s", gost_attached, rsa_attached, "<= 0.5 s"),
            ("digest MiB/s (Streebog-512 vs SHA-256)", streebog, sha256, ">= 50 MiB/s"),
        ]
        for label, ours, theirs, goal in rows:
            print(f"{label:40} GOST {ours:10.4f}  RSA/SHA {theirs:10.4f}", end="")
            print(f"  ratio {ours / theirs:6.3f}  goal {goal}")
        print(
            f"fallbacks: Streebog {pure_streebog:.3f} MiB/s, curve {pure_verify_ms:.1f} ms;", end=""
        )
        print(f" GOST R 34.11-94 (test S-box, always Python) {gost94_rate:.3f} MiB/s")
    print(json.dumps(summary))
    return 1 if args.strict and not all(met.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
