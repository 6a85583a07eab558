"""The key store: keys chosen by officer and role, on SoftHSM2 or from PEM, never exported."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest
from asn1crypto import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from lxml import etree
from signxml.signer import XMLSigner
from signxml.verifier import XMLVerifier

from registry.settings import load_settings
from signing.keys import KeyNotFoundError, Keystore
from signing.keys.pkcs11 import Pkcs11Key
from testkit.hsm import SoftHsm, init_softhsm
from testkit.pki.config import PROVIDER_EXECUTOR_IIN, PROVIDER_HEAD_IIN
from testkit.pki.officers import keystore_config, officer, provider_key_files
from testkit.pki.server import BuiltPki


def _public_key(cert: x509.Certificate) -> object:
    return serialization.load_der_public_key(cert.public_key.dump())


def test_key_is_chosen_by_officer_and_role(keystore: Keystore) -> None:
    head = keystore.key(PROVIDER_HEAD_IIN, "head")
    executor = keystore.key(PROVIDER_EXECUTOR_IIN, "executor")
    assert isinstance(head, Pkcs11Key) and isinstance(executor, Pkcs11Key)
    assert head.certificate.subject != executor.certificate.subject
    assert (PROVIDER_HEAD_IIN, "head") in keystore.officers()
    with pytest.raises(KeyNotFoundError):
        keystore.key(PROVIDER_HEAD_IIN, "executor")  # right person, wrong role
    with pytest.raises(KeyNotFoundError):
        keystore.key("000000000000", "head")


async def test_hsm_signature_verifies_with_the_certificate_key(keystore: Keystore) -> None:
    key = keystore.key(*officer("provider-head"))
    signature = await keystore.sign(*officer("provider-head"), b"result document")
    public = _public_key(key.certificate)
    public.verify(signature, b"result document", padding.PKCS1v15(), hashes.SHA256())  # type: ignore[attr-defined]


def test_pem_fallback_signs_identically(pki: BuiltPki, keystore: Keystore) -> None:
    with Keystore.open(keystore_config(pki)) as pem_store:
        pem_key = pem_store.key(*officer("provider-executor"))
        assert not isinstance(pem_key, Pkcs11Key)
        # RSA PKCS#1 v1.5 is deterministic: same key, same bytes.
        hsm_signature = keystore.key(*officer("provider-executor")).sign(b"x", "sha256")
        assert pem_key.sign(b"x", "sha256") == hsm_signature


def test_rsa_adapter_signs_for_signxml_and_exports_nothing(
    keystore: Keystore, pki: BuiltPki
) -> None:
    facade = keystore.rsa_private_key(*officer("provider-head"))
    root = etree.fromstring(b"<result><number>0001</number></result>")
    cert_pem = pki.cert_path("provider-head").read_text()
    signed = XMLSigner().sign(root, key=facade, cert=cert_pem)
    verified = XMLVerifier().verify(signed, x509_cert=cert_pem)
    assert not isinstance(verified, list)
    assert verified.signed_xml is not None and verified.signed_xml.findtext("number") == "0001"
    with pytest.raises(NotImplementedError):
        facade.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    with pytest.raises(ValueError, match="PKCS#1"):
        facade.sign(b"x", padding.PSS(padding.MGF1(hashes.SHA256()), 32), hashes.SHA256())


def test_config_from_env_inline_and_file(
    pki: BuiltPki, provider_hsm: SoftHsm, tmp_path: Path
) -> None:
    config = keystore_config(pki, provider_hsm)
    raw = msgspec.json.encode(msgspec.structs.replace(config, pin=None)).decode()
    env = {"QAQPA_KEYSTORE": raw, "QAQPA_PKCS11_PIN": provider_hsm.pin}
    from_env = load_settings(env).keystore_config()
    assert from_env is not None and from_env.pin == provider_hsm.pin
    assert from_env.keys == config.keys
    path = tmp_path / "keystore.json"
    path.write_text(raw)
    from_file = load_settings({"QAQPA_KEYSTORE": str(path)}).keystore_config()
    assert from_file is not None and from_file.pin is None
    assert load_settings({}).keystore_config() is None


def test_config_rejects_ambiguous_entries() -> None:
    entry = {"iin": "1", "role": "head", "certificate": "c.pem"}
    for bad in ({**entry}, {**entry, "label": "a", "key_file": "k.pem"}):
        with pytest.raises(ValueError, match="exactly one"):
            load_settings({"QAQPA_KEYSTORE": json.dumps({"keys": [bad]})}).keystore_config()
    with pytest.raises(ValueError, match="pkcs11_module"):
        load_settings(
            {"QAQPA_KEYSTORE": json.dumps({"keys": [{**entry, "label": "a"}]})}
        ).keystore_config()


def test_missing_token_key_fails_at_start(pki: BuiltPki, provider_hsm: SoftHsm) -> None:
    config = keystore_config(pki, provider_hsm)
    wrong = msgspec.structs.replace(
        config, keys=[msgspec.structs.replace(config.keys[0], label="no-such-key")]
    )
    with pytest.raises(KeyNotFoundError, match="no-such-key"):
        Keystore.open(wrong)


def test_softhsm_init_is_idempotent_and_self_contained(
    pki: BuiltPki, provider_hsm: SoftHsm
) -> None:
    again = init_softhsm(provider_hsm.directory, provider_key_files(pki.directory))
    assert again == provider_hsm
    conf = provider_hsm.conf.read_text()
    assert f"directories.tokendir = {provider_hsm.directory / 'tokens'}" in conf
    assert any((provider_hsm.directory / "tokens").iterdir())
    assert set(provider_hsm.labels) == {"provider-head", "provider-executor", "provider-revoked"}
