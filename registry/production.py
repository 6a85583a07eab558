"""The production checklist: settings a production process refuses to start with.

``QAQPA_ENV=production`` promises real applicants, real keys and real money. Each check below is
a setting that is right for ``make run`` or the tests and wrong there: a process that finds one
refuses to start (gateway and worker alike) instead of quietly serving with it.

* ``QAQPA_TEST_PKI=true``: certificates whose IIN/BIN fail the checksum are accepted;
* ``QAQPA_SIMULATE_AGENCIES=true``: a job answers every export-control request positively;
* ``QAQPA_REVOCATION_MODE=soft`` unless ``QAQPA_ACCEPT_SOFT_REVOCATION=true`` says an operator
  chose it: without a fresh CRL/OCSP answer a possibly revoked signature is accepted;
* ``QAQPA_RISK_SEED`` left at its default 0: the customs random selection is predictable;
* ``QAQPA_TRUST_ANCHORS`` empty: no root to verify applicants' certificates against;
* a PEM (``key_file``) signing key in ``QAQPA_KEYSTORE``: the key sits on disk, not in an HSM;
* ``QAQPA_WEBHOOK_SECRET_KEY`` empty: webhook secrets would be sealed with the development key;
* ``QAQPA_WEBHOOK_RETRY_WINDOW_SECONDS`` under 24 h: partners are promised a day of retries.
"""

from __future__ import annotations

from registry.settings import Settings, path_list

DEFAULT_RISK_SEED = Settings().risk_seed
MIN_WEBHOOK_RETRY_WINDOW = 24 * 3600.0


def production_problems(settings: Settings) -> list[str]:
    """What makes these settings unfit for production; empty outside ``QAQPA_ENV=production``."""
    if settings.env != "production":
        return []
    problems: list[str] = []
    if settings.test_pki:
        problems.append("QAQPA_TEST_PKI=true (certificates failing the IIN/BIN checksum pass)")
    if settings.simulate_agencies:
        problems.append("QAQPA_SIMULATE_AGENCIES=true (agency answers are simulated)")
    if settings.revocation_mode == "soft" and not settings.accept_soft_revocation:
        problems.append(
            "QAQPA_REVOCATION_MODE=soft without QAQPA_ACCEPT_SOFT_REVOCATION=true "
            "(unchecked revocation accepted)"
        )
    if settings.risk_seed == DEFAULT_RISK_SEED:
        problems.append(
            f"QAQPA_RISK_SEED is the default {DEFAULT_RISK_SEED} (the random selection of "
            "declarations is predictable)"
        )
    if not path_list(settings.trust_anchors):
        problems.append("QAQPA_TRUST_ANCHORS is empty (no root to verify signatures against)")
    problems += _keystore_problems(settings)
    problems += _webhook_problems(settings)
    return problems


def _webhook_problems(settings: Settings) -> list[str]:
    problems: list[str] = []
    if not settings.webhook_secret_key.strip():
        problems.append(
            "QAQPA_WEBHOOK_SECRET_KEY is empty (webhook secrets sealed with the development key)"
        )
    if settings.webhook_retry_window_seconds < MIN_WEBHOOK_RETRY_WINDOW:
        problems.append("QAQPA_WEBHOOK_RETRY_WINDOW_SECONDS is under 24 h")
    return problems


def _keystore_problems(settings: Settings) -> list[str]:
    try:
        config = settings.keystore_config()
    except (OSError, ValueError) as exc:
        return [f"QAQPA_KEYSTORE cannot be read ({type(exc).__name__})"]
    if config is None:
        return []
    # Named by role and certificate file, not by IIN: stderr ends up in the service's journal.
    on_disk = [f"{key.role} ({key.certificate})" for key in config.keys if key.key_file]
    if not on_disk:
        return []
    return [f"QAQPA_KEYSTORE has PEM (non-HSM) signing keys: {', '.join(on_disk)}"]


def refusal(settings: Settings) -> str | None:
    """The one line a process prints when it refuses to start, or None when it may start."""
    problems = production_problems(settings)
    if not problems:
        return None
    return "qaqpa: refusing to start with QAQPA_ENV=production: " + "; ".join(problems)
