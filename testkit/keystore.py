"""The key store ``make run`` and the tests sign with (TEST KEYS ONLY).

The test provider's officers (:func:`testkit.pki.officers.keystore_config`) plus
provider-executor's key once more as the system key, which signs the results the system decides
itself (the customs green corridor, for one).  Production configures
``QAQPA_KEYSTORE`` itself; this module lives apart from :mod:`testkit.pki` because it needs the
worker's notion of the system role, and the test PKI needs nothing beyond ``signing``.
"""

from __future__ import annotations

from pathlib import Path

import msgspec

from signing.keys import KeyConfig, KeystoreConfig
from testkit.hsm import SoftHsm
from testkit.pki.officers import keystore_config
from workers.jobs.signing import SYSTEM_ROLE


def local_keystore_config(pki_dir: Path, hsm: SoftHsm | None) -> KeystoreConfig:
    """The provider officers' keys on ``hsm`` (PEM files without one), plus the system key."""
    config = keystore_config(pki_dir, hsm)
    executor = next(entry for entry in config.keys if entry.role == "executor")
    system = KeyConfig(
        iin=executor.iin,
        role=SYSTEM_ROLE,
        certificate=executor.certificate,
        label=executor.label,
        key_file=executor.key_file,
    )
    return msgspec.structs.replace(config, keys=[*config.keys, system])
