"""Shared helpers for the signing tests (imported by name; pytest puts this folder on sys.path)."""

from __future__ import annotations

from pathlib import Path

from asn1crypto import x509
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from testkit.pki.config import LEAF_KEYS
from testkit.pki.keys import load_private_key
from testkit.pki.server import BuiltPki
from testkit.pki.sign import sign_cms

# Public NCA RK test-PKI data (from NCANode's test resources; see its README), kept here so CI
# needs nothing beside the repository.
INTEROP = Path(__file__).resolve().parent / "interop" / "nca-test"
DOCUMENT = b'{"service":"certificate-of-residence","iin":"871008401427"}'


def cert_of(pki: BuiltPki, label: str) -> x509.Certificate:
    return x509.Certificate.load(pki.cert_der(label))


def key_of(pki: BuiltPki, label: str) -> PrivateKeyTypes:
    return load_private_key(pki.directory, LEAF_KEYS[label])


def signed_by(pki: BuiltPki, label: str, document: bytes = DOCUMENT, **kwargs: object) -> bytes:
    return sign_cms(document, cert_of(pki, label), key_of(pki, label), **kwargs)  # type: ignore[arg-type]
