"""``QAQPA_ENV=production`` refuses test settings: each condition, and the real commands.

The commands run as subprocesses (``.venv/bin/qaqpa run`` and ``worker``): a refused start
exits non-zero with one line on stderr and binds nothing.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from registry.production import production_problems, refusal
from registry.settings import Settings, load_settings

QAQPA = Path(sys.executable).with_name("qaqpa")
SAFE = Settings(env="production", trust_anchors="/etc/qaqpa/nca-root.pem", risk_seed=417,
                webhook_secret_key="QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=")  # fmt: skip
HSM_KEYSTORE = {
    "pkcs11_module": "/usr/lib/softhsm/libsofthsm2.so",
    "token_label": "qaqpa",
    "keys": [{"iin": "780305300128", "role": "head", "certificate": "/etc/head.pem",
              "label": "provider-head"}],
}  # fmt: skip
PEM_KEY = {"iin": "851112400450", "role": "executor", "certificate": "/etc/executor.pem",
           "key_file": "/run/secrets/executor.key.pem"}  # fmt: skip


def test_a_safe_production_configuration_starts() -> None:
    hsm_keystore = msgspec.structs.replace(SAFE, keystore=json.dumps(HSM_KEYSTORE))
    assert production_problems(hsm_keystore) == []
    assert refusal(SAFE) is None


def test_outside_production_nothing_is_refused() -> None:
    local = Settings(test_pki=True, simulate_agencies=True, revocation_mode="soft")
    assert production_problems(local) == []


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"test_pki": True}, "QAQPA_TEST_PKI"),
        ({"simulate_agencies": True}, "QAQPA_SIMULATE_AGENCIES"),
        ({"revocation_mode": "soft"}, "QAQPA_ACCEPT_SOFT_REVOCATION"),
        ({"risk_seed": 0}, "QAQPA_RISK_SEED"),
        ({"trust_anchors": ""}, "QAQPA_TRUST_ANCHORS"),
        ({"trust_anchors": " : , "}, "QAQPA_TRUST_ANCHORS"),
    ],
)
def test_each_test_setting_is_refused(changes: dict[str, object], named: str) -> None:
    settings = msgspec.structs.replace(SAFE, **changes)
    [problem] = production_problems(settings)
    assert named in problem


def test_soft_revocation_passes_when_acknowledged() -> None:
    settings = msgspec.structs.replace(SAFE, revocation_mode="soft", accept_soft_revocation=True)
    assert production_problems(settings) == []


def test_the_acknowledgement_is_read_from_the_environment() -> None:
    settings = load_settings(
        {"QAQPA_ENV": "production", "QAQPA_REVOCATION_MODE": "soft",
         "QAQPA_ACCEPT_SOFT_REVOCATION": "true"}
    )  # fmt: skip
    assert settings.accept_soft_revocation is True


def test_a_pem_signing_key_is_refused_and_named_without_its_iin() -> None:
    keystore = {**HSM_KEYSTORE, "keys": [*HSM_KEYSTORE["keys"], PEM_KEY]}
    [problem] = production_problems(msgspec.structs.replace(SAFE, keystore=json.dumps(keystore)))
    assert "PEM" in problem and "executor (/etc/executor.pem)" in problem
    assert PEM_KEY["iin"] not in problem


def test_an_unreadable_keystore_is_refused(tmp_path: Path) -> None:
    missing = str(tmp_path / "keystore.json")
    [problem] = production_problems(msgspec.structs.replace(SAFE, keystore=missing))
    assert "QAQPA_KEYSTORE" in problem


def test_webhooks_need_a_sealing_key_and_a_day_of_retries() -> None:
    unsealed = production_problems(msgspec.structs.replace(SAFE, webhook_secret_key=""))
    short = production_problems(msgspec.structs.replace(SAFE, webhook_retry_window_seconds=3600))
    assert ["QAQPA_WEBHOOK_SECRET_KEY" in problem for problem in unsealed] == [True]
    assert ["QAQPA_WEBHOOK_RETRY_WINDOW_SECONDS" in problem for problem in short] == [True]


def test_every_problem_is_on_one_line() -> None:
    worst = Settings(env="production", test_pki=True, simulate_agencies=True,
                     revocation_mode="soft", keystore=json.dumps({"keys": [PEM_KEY]}))  # fmt: skip
    line = refusal(worst)
    assert line is not None and "\n" not in line
    for named in ("QAQPA_TEST_PKI", "QAQPA_SIMULATE_AGENCIES", "QAQPA_REVOCATION_MODE",
                  "QAQPA_RISK_SEED", "QAQPA_TRUST_ANCHORS", "QAQPA_KEYSTORE"):  # fmt: skip
        assert named in line


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _command(arguments: list[str], environment: dict[str, str], timeout: float) -> tuple[int, str]:
    """Run ``qaqpa ARGUMENTS``; its exit code and stderr. One that keeps running (does not
    refuse) is stopped with its whole process group, and the test fails."""
    process = subprocess.Popen(
        [str(QAQPA), *arguments], env=environment, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)
        process.communicate(timeout=30)
        pytest.fail(f"qaqpa {' '.join(arguments)} did not refuse to start")
    return process.returncode, stderr


def _environment(**variables: str) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if not k.startswith("QAQPA_")}
    return {**kept, **variables}


def test_qaqpa_run_refuses_test_pki_in_production_and_binds_nothing() -> None:
    port = _free_port()
    environment = _environment(QAQPA_ENV="production", QAQPA_TEST_PKI="true")
    # Today's code would serve until the timeout: that is the failure this test catches.
    code, stderr = _command(["run", "--host", "127.0.0.1", "--port", str(port)], environment, 60)
    assert code != 0
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("qaqpa: refusing to start with QAQPA_ENV=production")
    assert "QAQPA_TEST_PKI=true" in lines[0]
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_qaqpa_worker_refuses_test_pki_in_production(pg_url: str, redis_url: str) -> None:
    # Pointed at the tests' real PostgreSQL and Redis, a burst worker would start, run and exit
    # 0 if it did not refuse.
    environment = _environment(
        QAQPA_ENV="production", QAQPA_TEST_PKI="true", QAQPA_DATABASE_URL=pg_url,
        QAQPA_REDIS_URL=redis_url,
    )  # fmt: skip
    code, stderr = _command(["worker", "--burst"], environment, 120)
    assert code != 0
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "QAQPA_TEST_PKI=true" in lines[0]


async def test_the_worker_start_up_refuses_too() -> None:
    # A worker started without `qaqpa worker` (arq's own CLI) runs the same check first.
    from registry.settings import SettingsError
    from workers.settings import startup

    with pytest.raises(SettingsError, match="QAQPA_SIMULATE_AGENCIES"):
        await startup({"settings": msgspec.structs.replace(SAFE, simulate_agencies=True)})


def test_the_app_factory_refuses_too() -> None:
    # A server given gateway.app:create_app directly (granian's own CLI) runs the same check.
    from gateway.app import create_app
    from registry.settings import SettingsError

    with pytest.raises(SettingsError, match="QAQPA_TEST_PKI"):
        create_app(msgspec.structs.replace(SAFE, test_pki=True))
