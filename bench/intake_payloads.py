"""Signed submissions for the intake benchmark, and the test PKI that vouches for them.

Every request body is a distinct application (its contact e-mail carries a serial number)
signed with the test PKI's individual key, so each one is a real new application: no
idempotent replay inflates the rate. wrk reads them from a file in its Lua ``init``.
"""

from __future__ import annotations

import base64
import json
import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from asn1crypto import x509
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from registry.domains import example_application
from testkit.pki.config import INDIVIDUAL_IIN, LEAF_KEYS
from testkit.pki.keys import load_private_key
from testkit.pki.server import BuiltPki, TestPkiServer
from testkit.pki.sign import sign_cms

SIGNER = "individual-sign"

_LUA = """
local bodies = {}
for line in io.lines("%(path)s") do bodies[#bodies + 1] = line end
local next_body = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
function request()
  next_body = next_body %% #bodies + 1
  return wrk.format(nil, nil, nil, bodies[next_body])
end
"""


@dataclass
class BenchPki:
    built: BuiltPki

    @property
    def gateway_env(self) -> dict[str, str]:
        return {
            "QAQPA_TRUST_ANCHORS": str(self.built.trust_dir),
            "QAQPA_INTERMEDIATES": str(self.built.intermediates_file),
        }


class IndividualSigner(NamedTuple):
    """The served test PKI and its individual's signing certificate and key."""

    pki: BuiltPki
    cert: x509.Certificate
    key: PrivateKeyTypes


@contextmanager
def individual_signer() -> Iterator[IndividualSigner]:
    """The test PKI served from a temporary folder for the block, with the individual's key."""
    with (
        tempfile.TemporaryDirectory(prefix="qaqpa-bench-pki-") as tmp,
        TestPkiServer(Path(tmp)) as pki,
    ):
        cert = x509.Certificate.load(pki.cert_der(SIGNER))
        yield IndividualSigner(pki, cert, load_private_key(pki.directory, "individual"))


@contextmanager
def start_test_pki(directory: Path) -> Iterator[BenchPki]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with TestPkiServer(directory) as built:
        yield BenchPki(built)


def signed_bodies(
    pki: BenchPki,
    count: int,
    tag: str,
    *,
    service: str = "declarant-certificate",
    label: str = SIGNER,
    applicant: dict[str, str] | None = None,
) -> Iterator[bytes]:
    """``count`` distinct submission bodies (detached CMS), as JSON bytes: the example
    application of ``service`` (S2 by default) signed with the test key ``label``."""
    built = pki.built
    cert = x509.Certificate.load(built.cert_der(label))
    key = load_private_key(built.directory, LEAF_KEYS[label])
    template = example_application(service, **(applicant or {"iin": INDIVIDUAL_IIN}))
    for serial in range(count):
        template["applicant"]["contacts"]["email"] = f"bench.{tag}.{serial}@example.kz"
        document = json.dumps(template, ensure_ascii=False).encode()
        signature = sign_cms(document, cert, key, detached=True)
        yield json.dumps(
            {
                "document": base64.b64encode(document).decode(),
                "signature": base64.b64encode(signature).decode(),
            }
        ).encode()


def signed_requests_lua(pki: BenchPki, workdir: Path, count: int, tag: str) -> str:
    """A wrk script posting ``count`` distinct signed applications (set ``tag``) in turn."""
    path = workdir / f"bodies-{tag}.jsonl"
    with path.open("wb") as out:
        for body in signed_bodies(pki, count, tag):
            out.write(body + b"\n")
    return _LUA % {"path": path}
