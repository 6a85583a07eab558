"""Helpers for the XAdES tests (imported as ``tests.signing.xades.xades_helpers``)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from asn1crypto import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from testkit.pki.config import LEAF_KEYS
from testkit.pki.keys import load_private_key
from testkit.pki.server import BuiltPki

XADES_NS = "http://uri.etsi.org/01903/v1.3.2#"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"
# A decision document as the renderer produces it: a namespace, an Id on the root (which the
# signature must not need), Kazakh letters in text.
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<decision xmlns="urn:qaqpa:result:1" Id="result-1" lang="kk">\n'
    "  <number>S8-2026-000123</number>\n"
    '  <addressee bin="940140000385">ТОО «Тест» ә ғ қ ң ө ұ ү һ і</addressee>\n'
    "  <grounds>Құжаттар толық емес</grounds>\n"
    "</decision>\n"
).encode()
ORIGINAL_TEXT = "Құжаттар толық емес"


def chain_of(pki: BuiltPki, label: str) -> list[x509.Certificate]:
    return [x509.Certificate.load(pki.cert_der(name)) for name in (label, "nca")]


def key_of(pki: BuiltPki, label: str) -> rsa.RSAPrivateKey:
    key = load_private_key(pki.directory, LEAF_KEYS[label])
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


def xmlsec1_verify(document: Path, root_pem: Path) -> subprocess.CompletedProcess[str]:
    """xmlsec1 trusting only ``root_pem`` (never the key embedded in the signature)."""
    binary = shutil.which("xmlsec1")
    if binary is None:
        pytest.fail("xmlsec1 is not installed (apt-get install -y xmlsec1)")
    return subprocess.run(
        [
            binary,
            "--verify",
            "--enabled-key-data",
            "x509",
            "--trusted-pem",
            str(root_pem),
            "--id-attr:Id",
            f"{XADES_NS}:SignedProperties",
            "--id-attr:Id",
            f"{DS_NS}:KeyInfo",
            str(document),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
