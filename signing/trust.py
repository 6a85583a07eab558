"""Loading trust anchors, intermediates, CRLs and OCSP responses from files.

Configuration errors (a missing anchor file, an unreadable PEM) raise :class:`TrustConfigError`:
they are found once at start-up, not hidden as per-request verdicts.  Directories are read one
level deep, taking ``*.pem``, ``*.crt``, ``*.cer`` and ``*.der`` files.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from asn1crypto import cms, x509

from signing.encoding import DecodeError, decode_blocks

CERT_SUFFIXES = frozenset({".pem", ".crt", ".cer", ".der"})


class TrustConfigError(ValueError):
    pass


def _files(paths: Iterable[str | Path]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p for p in path.iterdir() if p.is_file() and p.suffix.lower() in CERT_SUFFIXES
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise TrustConfigError(f"no such certificate file or directory: {path}")
    return found


def _first_inner_tag(der: bytes) -> int | None:
    if len(der) < 3:
        return None
    header = 2 if der[1] < 0x80 else 2 + (der[1] & 0x7F)
    return der[header] if len(der) > header else None


def parse_certificates(data: bytes) -> list[x509.Certificate]:
    """Certificates in PEM/DER/base64 data; a PKCS#7 certs-only bundle is unpacked too."""
    certs: list[x509.Certificate] = []
    for der in decode_blocks(data):
        if _first_inner_tag(der) == 0x06:  # ContentInfo starts with an OID, a certificate does not
            info = cms.ContentInfo.load(der)
            for choice in info["content"]["certificates"] or []:
                if choice.name == "certificate":
                    certs.append(choice.chosen)
            continue
        cert = x509.Certificate.load(der)
        _ = cert.native  # force a full parse so broken encodings fail here
        certs.append(cert)
    return certs


def load_certificates(paths: Iterable[str | Path]) -> list[x509.Certificate]:
    certs: list[x509.Certificate] = []
    for path in _files(paths):
        try:
            certs.extend(parse_certificates(path.read_bytes()))
        except (DecodeError, ValueError, TypeError) as exc:
            raise TrustConfigError(f"cannot read certificates from {path}: {exc}") from exc
    return certs


def load_der_files(paths: Iterable[str | Path]) -> list[bytes]:
    """Raw DER blocks from CRL / OCSP response files (PEM or DER)."""
    blobs: list[bytes] = []
    for raw in paths:
        path = Path(raw)
        try:
            blobs.extend(decode_blocks(path.read_bytes()))
        except (OSError, DecodeError) as exc:
            raise TrustConfigError(f"cannot read {path}: {exc}") from exc
    return blobs
