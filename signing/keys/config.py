"""Which key signs for which officer: the key store's configuration.

It is JSON (``QAQPA_KEYSTORE``, inline or the path of a file; the caller's settings read it)::

    {"pkcs11_module": "/usr/lib/softhsm/libsofthsm2.so", "token_label": "qaqpa",
     "chain": ["/etc/qaqpa/nca.pem"],
     "keys": [{"iin": "780305300128", "role": "head", "certificate": "/etc/qaqpa/head.pem",
               "label": "provider-head"},
              {"iin": "851112400450", "role": "executor", "certificate": "...",
               "key_file": "/run/secrets/executor.key.pem"}]}

A key entry with ``label`` lives on the PKCS#11 token; one with ``key_file`` is the PEM
fallback.  The PIN is never written in the file: the caller supplies it (Qaqpa's settings
from ``QAQPA_PKCS11_PIN``; ``QAQPA_PKCS11_MODULE`` / ``QAQPA_PKCS11_TOKEN`` override the
module and token label).
"""

from __future__ import annotations

import msgspec


class KeyConfig(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    iin: str
    role: str
    certificate: str  # PEM file of the officer's signing certificate
    label: str | None = None  # PKCS#11 private-key label
    key_file: str | None = None  # PEM private key (fallback when there is no HSM)


class KeystoreConfig(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    keys: list[KeyConfig]
    chain: list[str] = []  # PEM files of CA certificates embedded in every signature
    pkcs11_module: str | None = None
    token_label: str | None = None
    pin: str | None = msgspec.field(default=None)

    def __post_init__(self) -> None:
        for entry in self.keys:
            if (entry.label is None) == (entry.key_file is None):
                raise ValueError(
                    f"key {entry.iin}/{entry.role}: give exactly one of label or key_file"
                )
        if any(entry.label is not None for entry in self.keys) and (
            self.pkcs11_module is None or self.token_label is None
        ):
            raise ValueError("PKCS#11 keys need pkcs11_module and token_label")
