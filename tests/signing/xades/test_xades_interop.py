"""Independent checks: xmlsec1 and openssl, tools nobody here wrote, on our XAdES documents."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from asn1crypto import pem, tsp
from lxml import etree

from signing.xades.names import NS
from signing.xmldsig import safe_parser
from testkit.pki.server import BuiltPki
from tests.signing.xades.xades_helpers import ORIGINAL_TEXT, xmlsec1_verify


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("level", ["B-B", "B-T", "B-LT"])
def test_xmlsec1_accepts_our_signatures(
    level: str, signed: dict[str, bytes], pki: BuiltPki, tmp_path: Path
) -> None:
    document = _write(tmp_path, "signed.xml", signed[f"legal-sign {level}"])
    outcome = xmlsec1_verify(document, pki.trust_dir / "root.pem")
    assert outcome.returncode == 0, outcome.stderr
    assert "OK" in outcome.stderr


@pytest.mark.parametrize("level", ["B-T", "B-LT"])
def test_xmlsec1_rejects_a_changed_text_node(
    level: str, signed: dict[str, bytes], pki: BuiltPki, tmp_path: Path
) -> None:
    original = signed[f"legal-sign {level}"]
    tampered = original.replace(ORIGINAL_TEXT.encode(), "Құжаттар толық".encode())
    assert tampered != original
    outcome = xmlsec1_verify(_write(tmp_path, "tampered.xml", tampered), pki.trust_dir / "root.pem")
    assert outcome.returncode != 0


def test_xmlsec1_rejects_another_root(
    signed: dict[str, bytes], pki: BuiltPki, tmp_path: Path
) -> None:
    """With --enabled-key-data x509 the embedded certificate is not trusted by itself."""
    document = _write(tmp_path, "signed.xml", signed["legal-sign B-LT"])
    outcome = xmlsec1_verify(document, pki.cert_path("unknown-root"))
    assert outcome.returncode != 0


def test_openssl_verifies_the_signature_timestamp(
    signed: dict[str, bytes], pki: BuiltPki, tmp_path: Path
) -> None:
    """The token's imprint is over the exclusive-canonical ds:SignatureValue, per openssl ts."""
    openssl = shutil.which("openssl")
    assert openssl is not None
    root = etree.fromstring(signed["legal-sign B-T"], parser=safe_parser())
    value = root.find(".//ds:Signature/ds:SignatureValue", NS)
    token_element = root.find(".//xades:SignatureTimeStamp/xades:EncapsulatedTimeStamp", NS)
    method = root.find(".//xades:SignatureTimeStamp/ds:CanonicalizationMethod", NS)
    assert value is not None and token_element is not None and method is not None
    assert method.get("Algorithm") == "http://www.w3.org/2001/10/xml-exc-c14n#"
    canonical = etree.tostring(value, method="c14n", exclusive=True)
    token = base64.b64decode("".join((token_element.text or "").split()))
    info = tsp.TSTInfo.load(
        tsp.ContentInfo.load(token)["content"]["encap_content_info"]["content"].contents
    )
    assert bytes(info["message_imprint"]["hashed_message"].native) == (
        hashlib.sha256(canonical).digest()
    )
    cafile = tmp_path / "ca.pem"
    cafile.write_bytes(
        b"".join(pem.armor("CERTIFICATE", pki.cert_der(label)) for label in ("root", "nca"))
    )
    args = [openssl, "ts", "-verify", "-token_in", "-CAfile", str(cafile)]
    good = subprocess.run(
        [
            *args,
            "-in",
            str(_write(tmp_path, "token.der", token)),
            "-data",
            str(_write(tmp_path, "c14n.xml", canonical)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0, good.stdout + good.stderr
    bad = subprocess.run(
        [
            *args,
            "-in",
            str(tmp_path / "token.der"),
            "-data",
            str(_write(tmp_path, "other.xml", canonical + b" ")),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode != 0
