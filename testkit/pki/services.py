"""The test PKI's services in certomancer configuration: its CRL repositories, the OCSP
responder, the certificate repositories and the timestamp authority."""

from __future__ import annotations

from typing import Any


def pki_services() -> dict[str, Any]:
    """CRL repositories, the OCSP responder, certificate repositories and the TSA."""
    return {
        "crl-repo": {
            "root": {
                "for-issuer": "root",
                "signing-key": "root",
                "simulated-update-schedule": "P1D",
            },
            "nca": {"for-issuer": "nca", "signing-key": "nca", "simulated-update-schedule": "P1D"},
            "revoked-ca": {
                "for-issuer": "revoked-ca",
                "signing-key": "revoked-ca",
                "simulated-update-schedule": "P1D",
            },
        },
        "ocsp": {
            "nca": {"for-issuer": "nca", "responder-cert": "nca-ocsp", "signing-key": "nca-ocsp"}
        },
        "cert-repo": {
            "root": {"for-issuer": "root", "publish-issued-certs": False},
            "nca": {"for-issuer": "nca", "publish-issued-certs": False},
            "revoked-ca": {"for-issuer": "revoked-ca", "publish-issued-certs": False},
        },
        # Tokens carry the issuing CA like NCA's TSA does, so that a verifier given only the
        # root can build the TSA's path.
        "time-stamping": {
            "tsa": {"signing-key": "tsa", "signing-cert": "tsa", "certs-to-embed": ["nca"]}
        },
    }
