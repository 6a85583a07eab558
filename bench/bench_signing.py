"""Benchmark of signature verification (``make bench``).

Measures, in one run on this machine:

* ``openssl speed -seconds 3 rsa2048`` verify/s (one core) -- the yardstick;
* warm path: detached CMS verifications per second on one core, with the certificate verdict
  (chain + CRL + OCSP) already cached -- the gateway's steady state;
* cold path: latency of the first verification with empty caches -- chain validation, CRL and
  OCSP fetched over loopback HTTP from the certomancer test PKI.

The goal is warm/openssl >= 0.2.  Run: ``uv run python bench/bench_signing.py [--seconds N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from asn1crypto import x509

from signing.policy import VerificationPolicy
from signing.result import Code
from signing.testpki.keys import load_private_key
from signing.testpki.server import BuiltPki, TestPkiServer
from signing.testpki.sign import sign_cms
from signing.verify import Verifier

GOAL = 0.2
DOCUMENT = b'{"service":"certificate-of-residence","iin":"871008401427","lang":"kk"}' * 4


def openssl_rsa2048_verify_per_second() -> float:
    binary = shutil.which("openssl")
    if binary is None:
        raise SystemExit("openssl not found")
    output = subprocess.run(
        [binary, "speed", "-seconds", "3", "rsa2048"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"^rsa\s+2048 bits\s+\S+\s+\S+\s+\S+\s+(\S+)", output, re.MULTILINE)
    if match is None:
        raise SystemExit(f"cannot parse openssl speed output:\n{output}")
    return float(match.group(1))


def policy_for(pki: BuiltPki) -> VerificationPolicy:
    return VerificationPolicy(
        trust_anchors=(str(pki.trust_dir),), intermediates=(str(pki.intermediates_file),)
    )


async def cold_latencies(pki: BuiltPki, signature: bytes, rounds: int) -> list[float]:
    timings = []
    for _ in range(rounds):
        async with Verifier(policy_for(pki)) as verifier:  # empty caches every round
            start = time.perf_counter()
            result = await verifier.verify_cms(signature, DOCUMENT)
            timings.append(time.perf_counter() - start)
        if result.code is not Code.OK:
            raise SystemExit(f"cold verification failed: {result.code} {result.message}")
    return timings


async def warm_rate(pki: BuiltPki, signature: bytes, seconds: float) -> tuple[float, int]:
    async with Verifier(policy_for(pki)) as verifier:
        for _ in range(200):  # warm the verdict and the memoised algorithm decisions
            result = await verifier.verify_cms(signature, DOCUMENT)
        if result.code is not Code.OK:
            raise SystemExit(f"warm verification failed: {result.code} {result.message}")
        count = 0
        start = time.perf_counter()
        deadline = start + seconds
        while True:
            for _ in range(500):
                result = await verifier.verify_cms(signature, DOCUMENT)
            count += 500
            if time.perf_counter() >= deadline:
                break
        elapsed = time.perf_counter() - start
        if not result.valid:
            raise SystemExit("warm verification stopped being valid")
    return count / elapsed, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="warm-path duration")
    parser.add_argument("--cold-rounds", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print only the JSON summary")
    parser.add_argument("--strict", action="store_true", help="exit 1 below the goal")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)

    openssl = openssl_rsa2048_verify_per_second()
    with tempfile.TemporaryDirectory(prefix="qaqpa-bench-pki-") as tmp:
        server = TestPkiServer(Path(tmp))
        pki = server.start()
        try:
            cert = x509.Certificate.load(pki.cert_der("individual-sign"))
            key = load_private_key(pki.directory, "individual")
            signature = sign_cms(DOCUMENT, cert, key)
            cold = asyncio.run(cold_latencies(pki, signature, args.cold_rounds))
            warm, count = asyncio.run(warm_rate(pki, signature, args.seconds))
        finally:
            server.stop()

    ratio = warm / openssl
    summary = {
        "openssl_rsa2048_verify_per_s": round(openssl, 1),
        "warm_cms_detached_verify_per_s_per_core": round(warm, 1),
        "warm_us_per_verification": round(1e6 / warm, 1),
        "warm_verifications": count,
        "ratio": round(ratio, 3),
        "goal": GOAL,
        "meets_goal": ratio >= GOAL,
        "cold_ms_median": round(statistics.median(cold) * 1000, 1),
        "cold_ms_max": round(max(cold) * 1000, 1),
        "cold_rounds": len(cold),
    }
    if not args.json:
        print(f"openssl rsa2048 verify/s (1 core):     {openssl:10.0f}")
        print(f"warm detached CMS verify/s (1 core):   {warm:10.0f}  ({1e6 / warm:.1f} us each)")
        print(f"ratio warm/openssl:                    {ratio:10.3f}  (goal >= {GOAL})")
        print(
            f"cold path (chain+CRL+OCSP, loopback):  median {summary['cold_ms_median']} ms,"
            f" max {summary['cold_ms_max']} ms over {len(cold)} rounds"
        )
    print(json.dumps(summary))
    return 1 if args.strict and ratio < GOAL else 0


if __name__ == "__main__":
    sys.exit(main())
