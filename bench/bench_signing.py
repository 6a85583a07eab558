"""Benchmark of signature verification (``make bench``).

Measures, in one run on this machine:

* ``openssl speed -seconds 3 rsa2048`` verify/s (one core) -- the yardstick;
* warm path: detached CMS verifications per second on one core, with the certificate verdict
  (chain + CRL + OCSP) already cached -- the gateway's steady state;
* cold path: latency of the first verification with empty caches -- chain validation, CRL and
  OCSP fetched over loopback HTTP from the certomancer test PKI;
* the test PKI's bare timestamp round trip (``fetch_token`` on the signing library's HTTP
  client), against the TSA's own work per request (certomancer's WSGI app called in-process,
  no socket) as the floor, and once more with certomancer's stock crypto backend, which parses
  the TSA key for every signature (how the test PKI ran before ``testkit.pki.crypto``).

The goal is warm/openssl >= 0.2.  Run: ``uv run python bench/bench_signing.py [--seconds N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import logging
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from certomancer import crypto_utils as certomancer_crypto
from certomancer.integrations.animator import Animator, AnimatorArchStore
from werkzeug.test import Client

from bench.intake_payloads import individual_signer
from signing.policy import VerificationPolicy
from signing.result import Code
from signing.revocation.fetch import Fetcher
from signing.verify import Verifier
from signing.xades.timestamp import REQUEST_TYPE, build_request, fetch_token
from testkit.pki.server import BuiltPki
from testkit.pki.sign import sign_cms

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


async def tsa_round_trips(pki: BuiltPki, rounds: int) -> list[float]:
    """Bare RFC 3161 round trips over loopback, on the client the signers use."""
    fetcher = Fetcher(10.0, 1 << 20)
    try:
        for _ in range(5):
            await fetch_token(fetcher, pki.tsa_url(), DOCUMENT)
        timings = []
        for _ in range(rounds):
            start = time.perf_counter()
            await fetch_token(fetcher, pki.tsa_url(), DOCUMENT)
            timings.append(time.perf_counter() - start)
        return timings
    finally:
        await fetcher.aclose()


def tsa_work(pki: BuiltPki, rounds: int) -> list[float]:
    """The TSA's own work per request: the same WSGI app, called in-process without a socket."""
    client = Client(Animator(AnimatorArchStore(pki.config.pki_archs), with_web_ui=False))
    path = urlsplit(pki.tsa_url()).path
    request = build_request(hashlib.sha256(DOCUMENT).digest(), "sha256", 1)
    timings = []
    for _ in range(rounds + 5):
        start = time.perf_counter()
        response = client.post(path, data=request, content_type=REQUEST_TYPE)
        timings.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"the TSA answered HTTP {response.status_code}")
    return timings[5:]


@contextmanager
def stock_certomancer_backend() -> Iterator[None]:
    """certomancer's own crypto backend, which parses the signing key for every signature."""
    installed = certomancer_crypto.CRYPTO_BACKEND
    certomancer_crypto.CRYPTO_BACKEND = certomancer_crypto.PycaCryptographyBackend()
    try:
        yield
    finally:
        certomancer_crypto.CRYPTO_BACKEND = installed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="warm-path duration")
    parser.add_argument("--cold-rounds", type=int, default=15)
    parser.add_argument("--tsa-rounds", type=int, default=50, help="timestamp round trips")
    parser.add_argument("--json", action="store_true", help="print only the JSON summary")
    parser.add_argument("--strict", action="store_true", help="exit 1 below the goal")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)

    openssl = openssl_rsa2048_verify_per_second()
    with individual_signer() as (pki, cert, key):
        signature = sign_cms(DOCUMENT, cert, key)
        cold = asyncio.run(cold_latencies(pki, signature, args.cold_rounds))
        warm, count = asyncio.run(warm_rate(pki, signature, args.seconds))
        tsa = asyncio.run(tsa_round_trips(pki, args.tsa_rounds))
        work = tsa_work(pki, args.tsa_rounds)
        with stock_certomancer_backend():
            tsa_stock = asyncio.run(tsa_round_trips(pki, args.tsa_rounds))

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
        "tsa_round_trip_ms_median": round(statistics.median(tsa) * 1000, 2),
        "tsa_work_ms_median": round(statistics.median(work) * 1000, 2),
        "tsa_round_trip_over_work": round(statistics.median(tsa) / statistics.median(work), 3),
        "tsa_round_trip_ms_median_key_parsed_per_signature": round(
            statistics.median(tsa_stock) * 1000, 2
        ),
        "tsa_rounds": len(tsa),
    }
    if not args.json:
        print(f"openssl rsa2048 verify/s (1 core):     {openssl:10.0f}")
        print(f"warm detached CMS verify/s (1 core):   {warm:10.0f}  ({1e6 / warm:.1f} us each)")
        print(f"ratio warm/openssl:                    {ratio:10.3f}  (goal >= {GOAL})")
        print(
            f"cold path (chain+CRL+OCSP, loopback):  median {summary['cold_ms_median']} ms,"
            f" max {summary['cold_ms_max']} ms over {len(cold)} rounds"
        )
        stock = summary["tsa_round_trip_ms_median_key_parsed_per_signature"]
        print(
            f"bare TSA round trip (loopback):        median {summary['tsa_round_trip_ms_median']}"
            f" ms over {len(tsa)} rounds; the TSA's own work {summary['tsa_work_ms_median']} ms"
        )
        print(f"  key parsed per signature (stock):    median {stock} ms")
    print(json.dumps(summary))
    return 1 if args.strict and ratio < GOAL else 0


if __name__ == "__main__":
    sys.exit(main())
