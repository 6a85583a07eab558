"""The test provider's officers as a key store configuration (TEST KEYS ONLY).

Maps the ``provider-*`` certificates of the test PKI to officers (IIN + role) and builds the
:class:`~signing.keys.KeystoreConfig` that signs with them: from a SoftHSM2 token when one is
given (the normal case in tests and ``make run``), from the PEM files otherwise.
"""

from __future__ import annotations

from pathlib import Path

from signing.keys import KeyConfig, KeystoreConfig
from testkit.hsm import SoftHsm, init_softhsm
from testkit.pki.config import PROVIDER_OFFICERS
from testkit.pki.keys import key_path
from testkit.pki.server import BuiltPki

# Certificate label -> role the officer signs in.
OFFICER_ROLES: dict[str, str] = {
    "provider-head": "head",
    "provider-executor": "executor",
    "provider-revoked": "executor",
}


def officer(label: str) -> tuple[str, str]:
    """(IIN, role) of the officer holding the ``label`` certificate."""
    return PROVIDER_OFFICERS[label][0], OFFICER_ROLES[label]


def provider_key_files(pki_dir: Path) -> dict[str, Path]:
    """PKCS#11 label -> PEM key file of every provider officer."""
    return {label: key_path(pki_dir, key) for label, (_iin, key) in PROVIDER_OFFICERS.items()}


def _directory(pki: BuiltPki | Path) -> Path:
    return pki.directory if isinstance(pki, BuiltPki) else pki


def init_provider_hsm(pki: BuiltPki | Path, directory: Path) -> SoftHsm:
    """A SoftHSM2 token in ``directory`` with every provider officer's key imported."""
    return init_softhsm(directory, provider_key_files(_directory(pki)))


def keystore_config(pki: BuiltPki | Path, hsm: SoftHsm | None = None) -> KeystoreConfig:
    """Key store over the provider officers: on ``hsm`` if given, else the PEM files.

    ``pki`` is a running build or just its directory (``qaqpa pki init|serve`` output):
    certificates are read from ``DIR/certs`` when the key store opens, so a PKI rebuilt with
    fresh dates by ``pki serve`` is picked up.
    """
    pki_dir = _directory(pki)
    keys = []
    for label, (iin, key_label) in PROVIDER_OFFICERS.items():
        keys.append(
            KeyConfig(
                iin=iin,
                role=OFFICER_ROLES[label],
                certificate=str(pki_dir / "certs" / f"{label}.pem"),
                label=label if hsm is not None else None,
                key_file=None if hsm is not None else str(key_path(pki_dir, key_label)),
            )
        )
    return KeystoreConfig(
        keys=keys,
        chain=[str(pki_dir / "certs" / "nca.pem"), str(pki_dir / "certs" / "root.pem")],
        pkcs11_module=hsm.module if hsm is not None else None,
        token_label=hsm.token_label if hsm is not None else None,
        pin=hsm.pin if hsm is not None else None,
    )
