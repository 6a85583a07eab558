"""``make run`` gives its gateway and worker the test token, key store and PIN as one set."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import run

STACK_SIGNING = {
    "SOFTHSM2_CONF": "/stack/softhsm/softhsm2.conf",
    "QAQPA_KEYSTORE": "/stack/keystore.json",
    "QAQPA_PKCS11_PIN": "stack-pin",
    "QAQPA_TSA_URL": "http://127.0.0.1:1/tsa",
}


@pytest.fixture
def stack_signing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner's own token, without building one (the pairing is what is tested here)."""
    monkeypatch.setattr(run, "signing_env", lambda *_: dict(STACK_SIGNING))


@pytest.mark.usefixtures("stack_signing")
def test_an_inherited_softhsm_conf_does_not_split_the_set(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The test suite's own SoftHSM token was in the environment: the stack's worker signed with
    its keys under the stack's certificates, and the quick start's PDF did not verify."""
    monkeypatch.setenv("SOFTHSM2_CONF", "/suite/softhsm2.conf")
    monkeypatch.delenv("QAQPA_KEYSTORE", raising=False)
    env = run._children_env(tmp_path / "pki", tmp_path, "1")
    assert {name: env[name] for name in STACK_SIGNING} == STACK_SIGNING


@pytest.mark.usefixtures("stack_signing")
def test_a_key_store_of_the_callers_own_is_kept_whole(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SOFTHSM2_CONF", "/mine/softhsm2.conf")
    monkeypatch.setenv("QAQPA_KEYSTORE", "/mine/keystore.json")
    monkeypatch.setenv("QAQPA_TSA_URL", "http://tsa.example/")
    env = run._children_env(tmp_path / "pki", tmp_path, "1")
    assert env["SOFTHSM2_CONF"] == "/mine/softhsm2.conf"
    assert env["QAQPA_KEYSTORE"] == "/mine/keystore.json"
    assert env["QAQPA_TSA_URL"] == "http://tsa.example/"
    assert "QAQPA_PKCS11_PIN" not in env or env["QAQPA_PKCS11_PIN"] != "stack-pin"
