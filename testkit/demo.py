"""``qaqpa demo submit``: the demo application, signed with the local test PKI's applicant key
that fits the service, as the body ``POST /v1/applications`` takes; and posting it."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import httpx
from asn1crypto import pem, x509

from registry.domains import example_application
from registry.settings import load_settings
from testkit.identities import APPLICANT_LABELS
from testkit.pki.config import LEAF_KEYS
from testkit.pki.keys import load_private_key
from testkit.pki.sign import sign_cms


class DemoError(Exception):
    """The demo cannot be signed or posted; the message says why, for one line on stderr."""


def signed_demo_body(service: str, pki_dir: Path) -> str:
    """The detached-CMS submission body (JSON text) of ``service``'s demo application."""
    try:
        document = example_application(service)
    except KeyError:
        raise DemoError(f"unknown service {service!r}; see qaqpa demo application") from None
    kind = "iin" if document["applicant"].get("iin") else "bin"
    label = APPLICANT_LABELS[kind]
    certificate_file = pki_dir / "certs" / f"{label}.pem"
    if not certificate_file.exists():
        raise DemoError(f"no test PKI at {pki_dir}: run `make run` or `qaqpa pki init`")
    _type, _headers, der = pem.unarmor(certificate_file.read_bytes())
    content = json.dumps(document, ensure_ascii=False).encode()
    key = load_private_key(pki_dir, LEAF_KEYS[label])
    signature = sign_cms(content, x509.Certificate.load(der), key, detached=True)
    return json.dumps({
        "document": base64.b64encode(content).decode(),
        "signature": base64.b64encode(signature).decode(),
    })  # fmt: skip


def gateway_url(url: str | None) -> str:
    if url:
        return url.rstrip("/")
    settings = load_settings()
    return f"http://{settings.host}:{settings.port}"


def post_submission(body: str, api_key: str, url: str | None) -> tuple[int, str, str | None]:
    """POST ``body``; the status code, the answer's text and the full status URL (if any)."""
    base = gateway_url(url)
    try:
        response = httpx.post(
            f"{base}/v1/applications",
            content=body.encode(),
            headers={"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"},
            timeout=60,
        )
    except httpx.HTTPError as exc:
        raise DemoError(
            f"cannot reach the gateway at {base} — is the stack running (make run)? "
            "give --url or set QAQPA_PORT"
        ) from exc
    location = response.headers.get("location")
    return response.status_code, response.text, f"{base}{location}" if location else None
