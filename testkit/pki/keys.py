"""Key generation for the test PKI.

Keys are generated on first use and kept in ``DIR/keys`` as unencrypted PKCS#8 PEM: they are
test keys only, and keeping them makes restarts of ``qaqpa pki serve`` cheap.  The key type per
label is fixed here so that the PKI contains an ECDSA signer, a DSA key (an algorithm we
deliberately do not support) and a 1024-bit RSA key (too weak).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

KeyKind = Literal["rsa2048", "rsa1024", "ec256", "dsa2048"]

# Label -> key kind.  Several certificates may share one key (certomancer allows it); distinct
# keys are used wherever a test relies on the difference (CAs, the forger, the signers).
KEY_KINDS: dict[str, KeyKind] = {
    "root": "rsa2048",
    "nca": "rsa2048",
    "nca-ocsp": "rsa2048",
    "tsa": "rsa2048",
    "revoked-ca": "rsa2048",
    "unknown-root": "rsa2048",
    "forger": "rsa2048",
    "individual": "rsa2048",
    "individual-auth": "rsa2048",
    "legal": "rsa2048",
    "legal-auth": "rsa2048",
    "legal-staff": "rsa2048",
    "individual-ec": "ec256",
    "other": "rsa2048",
    "weak-key": "rsa1024",
    "dsa": "dsa2048",
    "provider-head": "rsa2048",
    "provider-executor": "rsa2048",
    "provider-revoked": "rsa2048",
    # The officers' authentication keys (console login): NCA's RSA pairs keep them apart.
    "provider-head-auth": "rsa2048",
    "provider-executor-auth": "rsa2048",
    "provider-revoked-auth": "rsa2048",
}


def _generate(kind: KeyKind) -> PrivateKeyTypes:
    if kind == "rsa2048":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if kind == "rsa1024":
        # Deliberately weak: the test PKI needs a key our policy rejects.
        return rsa.generate_private_key(public_exponent=65537, key_size=1024)  # noqa: S505
    if kind == "ec256":
        return ec.generate_private_key(ec.SECP256R1())
    return dsa.generate_private_key(key_size=2048)


def key_path(directory: Path, label: str) -> Path:
    return directory / "keys" / f"{label}.key.pem"


def ensure_keys(directory: Path) -> dict[str, Path]:
    """Generate every missing key under ``directory/keys``; return label -> path."""
    keys_dir = directory / "keys"
    keys_dir.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for label, kind in KEY_KINDS.items():
        path = key_path(directory, label)
        if not path.exists():
            pem = _generate(kind).private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            path.write_bytes(pem)
            path.chmod(0o600)
        paths[label] = path
    return paths


def load_private_key(directory: Path, label: str) -> PrivateKeyTypes:
    return serialization.load_pem_private_key(key_path(directory, label).read_bytes(), None)
