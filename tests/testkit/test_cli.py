"""The developer commands: ``qaqpa pki init`` writes a PKI, ``qaqpa pki hsm`` a key store."""

from __future__ import annotations

import base64
import json
import shlex
from pathlib import Path

from click.testing import CliRunner

from registry.settings import load_settings
from signing.keys import Keystore
from testkit.cli import pki as pki_group
from testkit.hsm import SoftHsm
from testkit.identities import IDENTITIES
from testkit.pki.config import LEAF_KEYS, LEGAL_BIN
from testkit.pki.officers import officer
from testkit.pki.server import BuiltPki


def test_pki_init_writes_directory(tmp_path: Path) -> None:
    result = CliRunner().invoke(pki_group, ["init", str(tmp_path / "pki"), "--port", "18999"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pki" / "trust" / "root.pem").is_file()
    assert (tmp_path / "pki" / "certs" / "individual-sign.pem").is_file()
    config = (tmp_path / "pki" / "certomancer.yml").read_text(encoding="utf-8")
    assert "http://127.0.0.1:18999" in config


def test_pki_hsm_prints_a_working_key_store_environment(
    pki: BuiltPki, provider_hsm: SoftHsm
) -> None:
    result = CliRunner().invoke(
        pki_group, ["hsm", str(pki.directory), "--token-dir", str(provider_hsm.directory)]
    )
    assert result.exit_code == 0, result.output
    env: dict[str, str] = {}
    for line in result.stdout.splitlines():
        name, _, value = line.removeprefix("export ").partition("=")
        env[name] = shlex.split(value)[0]
    assert env["SOFTHSM2_CONF"] == str(provider_hsm.conf)
    config = load_settings(env).keystore_config()
    assert config is not None and config.pin == provider_hsm.pin
    with Keystore.open(config) as store:
        head = store.key(*officer("provider-head"))
        assert head.certificate.dump() == pki.cert_der("provider-head")
        assert len(head.sign(b"decision")) == 256


def test_identities_name_each_certificate_with_its_key(pki: BuiltPki) -> None:
    """``qaqpa pki identities``: every test certificate a person would sign with, its key file
    and what it is for; the pairs directory names certificate and key alike (issue 20)."""
    result = CliRunner().invoke(pki_group, ["identities", str(pki.directory)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    signer = next(line for line in lines if "/legal-sign.pem" in line)
    assert "/keys/legal.key.pem" in signer and "first head" in signer
    assert any("780305300128" in line and "key store" in line for line in lines)
    assert any(line.startswith("broken") and "revoked-ocsp" in line for line in lines)
    shown = {identity.label for identity in IDENTITIES}
    assert {label for label in LEAF_KEYS if not label.endswith("-auth")} - shown <= {
        "provider-head", "provider-executor", "provider-revoked",
    }  # fmt: skip
    pairs = pki.directory / "pairs"
    assert (pairs / "expired.key.pem").resolve() == (pki.directory / "keys" / "other.key.pem")
    assert (pairs / "expired.pem").resolve() == pki.cert_path("expired").resolve()


def test_demo_submit_sign_only_prints_a_signed_body(pki: BuiltPki) -> None:
    from gateway.cli import main

    result = CliRunner().invoke(
        main, ["demo", "submit", "customs-release", "--sign-only", "--pki", str(pki.directory)]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert set(body) == {"document", "signature"}
    assert json.loads(base64.b64decode(body["document"]))["applicant"]["bin"] == LEGAL_BIN
