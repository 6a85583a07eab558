"""A SoftHSM2 token in a directory of its own, for tests and ``make run`` (TEST KEYS ONLY).

SoftHSM2 reads its configuration from ``SOFTHSM2_CONF`` when the PKCS#11 module is initialised,
so each token directory carries its own ``softhsm2.conf`` pointing at ``tokens/`` inside it;
nothing is written to /etc or /var/lib.  The token is created with ``softhsm2-util
--init-token --free`` and PEM keys are imported with ``--import`` (the key's label doubles as
the PKCS#11 object label that :mod:`signing.keys` looks up).  Initialisation is idempotent: a
token already holding the same labels is reused.

``activate()`` exports ``SOFTHSM2_CONF`` into this process: it must happen before the first
PKCS#11 session is opened, because the module is loaded once per process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

MODULE_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
)


class SoftHsmError(RuntimeError):
    """softhsm2-util is missing or refused an operation."""


def find_softhsm_module() -> str:
    """Path of libsofthsm2.so (``QAQPA_SOFTHSM_MODULE`` overrides the usual locations)."""
    override = os.environ.get("QAQPA_SOFTHSM_MODULE")
    candidates = (override,) if override else MODULE_CANDIDATES
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    raise SoftHsmError("libsofthsm2.so not found (apt-get install softhsm2)")


@dataclass(frozen=True)
class SoftHsm:
    """An initialised SoftHSM2 token: where it lives and how to open it."""

    directory: Path
    conf: Path
    module: str
    token_label: str
    pin: str
    labels: tuple[str, ...]

    def env(self) -> dict[str, str]:
        """Environment a process needs to see this token."""
        return {"SOFTHSM2_CONF": str(self.conf)}

    def activate(self) -> None:
        """Point this process's SoftHSM2 at the token (before the first PKCS#11 session)."""
        os.environ.update(self.env())


def _util(args: list[str], conf: Path) -> str:
    binary = shutil.which("softhsm2-util")
    if binary is None:
        raise SoftHsmError("softhsm2-util not found (apt-get install softhsm2)")
    result = subprocess.run(  # noqa: S603 - fixed binary, arguments built here
        [binary, *args],
        env={**os.environ, "SOFTHSM2_CONF": str(conf)},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        # PINs appear only in argv, never in softhsm2-util's messages.
        raise SoftHsmError(f"softhsm2-util {args[0]} failed: {result.stderr.strip()}")
    return result.stdout


def init_softhsm(
    directory: Path,
    keys: Mapping[str, Path],
    *,
    token_label: str = "qaqpa",  # noqa: S107 - a label, not a secret
    pin: str = "1234",
    so_pin: str = "12345678",
) -> SoftHsm:
    """Create (or reuse) a token in ``directory`` holding ``keys`` (label -> PKCS#8 PEM)."""
    directory = directory.resolve()
    tokens = directory / "tokens"
    conf = directory / "softhsm2.conf"
    state = directory / "token.json"
    wanted = {"token_label": token_label, "labels": sorted(keys)}
    hsm = SoftHsm(directory, conf, find_softhsm_module(), token_label, pin, tuple(sorted(keys)))
    if state.is_file() and json.loads(state.read_text()) == wanted and any(tokens.iterdir()):
        return hsm
    directory.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(tokens, ignore_errors=True)
    tokens.mkdir(mode=0o700)
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
        "slots.removable = false\n",
        encoding="utf-8",
    )
    _util(
        ["--init-token", "--free", "--label", token_label, "--pin", pin, "--so-pin", so_pin],
        conf,
    )
    for index, (label, path) in enumerate(sorted(keys.items()), start=1):
        _util(
            [
                "--import",
                str(path),
                "--token",
                token_label,
                "--label",
                label,
                "--id",
                f"{index:04x}",
                "--pin",
                pin,
            ],
            conf,
        )
    state.write_text(json.dumps(wanted), encoding="utf-8")
    return hsm
