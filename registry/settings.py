"""Settings: one typed object read from ``QAQPA_*`` environment variables.

It lives in ``registry`` because every process (gateway, worker, CLI) already depends on this
package; ``signing`` stays free of it and receives what it needs as explicit arguments: the
verification policy (:meth:`Settings.verification_policy`) and the key store's configuration
(:meth:`Settings.keystore_config`) are built here, each variable parsed once.
Defaults run the local stack that ``make run`` starts (PostgreSQL on 5433, Redis on 6380).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import msgspec

from signing import KeystoreConfig, VerificationPolicy

ENV_PREFIX = "QAQPA_"


class SettingsError(ValueError):
    """An environment variable holds a value the settings cannot take."""


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """Process settings; each field ``name`` is read from ``QAQPA_NAME``."""

    env: Literal["local", "test", "production"] = "local"
    host: str = "127.0.0.1"
    port: int = 8000
    http_workers: int = 1
    # SIGTERM: the gateway stops accepting and lets in-flight requests finish for at most this
    # long (open event streams included), then its HTTP workers are killed (granian).
    http_shutdown_grace_seconds: float = 10.0
    database_url: str = "postgresql+asyncpg://qaqpa@127.0.0.1:5433/qaqpa"
    database_pool_size: int = 10
    # Short, so a busy or absent database answers 503 dependency_unavailable (clients back
    # off) instead of requests queueing for SQLAlchemy's default 30 s.
    database_pool_timeout_seconds: float = 5.0
    redis_url: str = "redis://127.0.0.1:6380/0"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_json: bool = True
    data_dir: str = ".data"
    max_body_bytes: int = 10 * 1024 * 1024
    readiness_timeout_seconds: float = 2.0
    public_base_url: str = ""
    sse_max_seconds: float = 300.0
    sse_max_streams_per_partner: int = 5
    rate_limit: str = "1200/minute"
    public_rate_limit: str = "60/minute"
    # Every route but the health probes, per client address, counted before authentication.
    client_rate_limit: str = "600/minute"
    # Failed authentications (no, unknown or revoked API key or officer token) per client
    # address; past it even the next lookup is refused (gateway.auth.authenticate_bearer).
    auth_failure_rate_limit: str = "60/minute"
    # Bearer token of GET /metrics; in production an empty token turns the route off (404).
    metrics_token: str = ""
    # Applicants' certificates (verification_policy() builds signing's policy from these).
    trust_anchors: str = ""
    intermediates: str = ""
    revocation_mode: Literal["hard", "soft"] = "hard"
    # Production refuses soft revocation unless an operator says so here (registry.production).
    accept_soft_revocation: bool = False
    test_pki: bool = False
    fetch_timeout: float = 5.0
    offline: bool = False
    validation_time: Literal["now", "signing_time"] = "now"
    cert_cache_seconds: float = 3600.0
    # A closed network's revocation (signing.revocation.preloaded): CRL files every
    # verification uses, and prefix=replacement rewrites of CRL/OCSP URLs to a mirror.
    crl_files: str = ""
    revocation_url_rewrite: str = ""
    # GOST 2015 with 256-bit keys: no NCA sample has confirmed its curve yet.
    gost2015_256_unconfirmed: bool = False
    ocsp_default_ttl: float = 300.0
    # What one verification may fetch (signing.revocation.fetch.FetchLimits): caIssuers URLs
    # only from these hosts (comma-separated host[:port]) and our own CAs' hosts; per
    # verification at most so many URLs, bytes per certificate/OCSP answer, seconds in all.
    fetch_allowed_hosts: str = ""
    fetch_max_urls: int = 4
    fetch_max_bytes: int = 1024 * 1024
    fetch_max_seconds: float = 10.0
    fetch_max_concurrent: int = 8
    # Threads verifying uploaded documents at once (POST /v1/verify, the QR code's page).
    verify_threads: int = 4
    # Workers (workers/): the outbox relay, job timeouts, metrics.
    outbox_poll_seconds: float = 1.0
    outbox_batch_size: int = 100
    # A row sent this long ago whose job has not ended is sent again under the same job id
    # (workers/outbox/reconciler.py): Redis may have lost it. Longer than the job timeout.
    outbox_reconcile_seconds: float = 300.0
    job_timeout_seconds: float = 60.0
    # arq starts new jobs only when it polls the queue, at most max_jobs minus those running:
    # with arq's defaults (0.5 s, 10) one worker tops out at 20 jobs/s (workers/settings.py).
    worker_poll_seconds: float = 0.05
    worker_max_jobs: int = 20
    worker_metrics_port: int = 0
    # SIGTERM: a worker takes no new jobs and lets running ones finish for at most this long
    # (capped at the job timeout); those still running are then cancelled and handed back to
    # the queue, where any worker runs them again at once (workers/settings.py).
    worker_shutdown_grace_seconds: float = 10.0
    # S8 re-export permit: the export-control agencies asked (partner names, comma-separated),
    # the foreign ministry that confirms the importer's guarantee, and the local simulator.
    export_control_agencies: str = "knb,mod"
    foreign_ministry_agency: str = "mfa"
    simulate_agencies: bool = False
    # S1 risk management: the seed of the random selection (with the application id, so a
    # corridor is reproducible for a declaration; registry.customs_release.risk.selection).
    risk_seed: int = 0
    # Issued results (workers/jobs/signing.py): the timestamp service of B-T and above, and the
    # PAdES level (XAdES goes up to B-LT).
    tsa_url: str = ""
    signing_level: Literal["B-B", "B-T", "B-LT", "B-LTA"] = "B-LT"
    # The officers' signing keys (keystore_config()): JSON inline or the path of a JSON file
    # (the format: signing.keys.config). The PIN is never in that JSON; module and token
    # label, when set, override the file's.
    keystore: str = ""
    # Whose key signs a signer's results (issue 16): ``hsm``, the server-held key of the
    # officer's IIN in QAQPA_KEYSTORE (a "cloud signature" deployment); ``eds``, the officer's
    # own key through NCALayer (signing sessions, registry.issuing.sessions), which expire
    # after ``signing_session_seconds``.
    officer_signing: Literal["hsm", "eds"] = "hsm"
    signing_session_seconds: int = 900
    # Webhooks (registry/webhooks/): the key sealing endpoints' signing secrets (base64 of 32
    # bytes; production refuses the built-in development key), retries (exponential back-off
    # with jitter from the base to the cap, for the window, then the delivery is failed), the
    # per-endpoint concurrency, the circuit breaker, one attempt's timeout and how long a
    # rotated-out secret still signs.
    webhook_secret_key: str = ""
    webhook_retry_base_seconds: float = 5.0
    webhook_retry_max_seconds: float = 3600.0
    webhook_retry_window_seconds: float = 26 * 3600.0
    webhook_concurrency: int = 4
    webhook_circuit_failures: int = 10
    webhook_circuit_open_seconds: float = 60.0
    webhook_timeout_seconds: float = 10.0
    webhook_secret_grace_seconds: float = 24 * 3600.0
    # Applicants' apps reading with a status token (gateway/status/): requests per token.
    applicant_app_rate_limit: str = "120/minute"
    pkcs11_module: str = ""
    pkcs11_token: str = ""
    pkcs11_pin: str = ""
    # The officers' console (gateway/console/) and EDS login (gateway/officers/eds.py): a
    # session ends after this many seconds without a request; the console's NCALayer client
    # connects to this URL (tests point it at testkit's stand-in).
    officer_session_idle_seconds: float = 1800.0
    ncalayer_url: str = "wss://127.0.0.1:13579"

    def verification_policy(self) -> VerificationPolicy:
        """The policy verifying applicants' certificates and signatures (signing's Verifier)."""
        return msgspec.convert(self._verification_policy_fields(), VerificationPolicy)

    def _verification_policy_fields(self) -> dict[str, object]:
        return {
            "trust_anchors": path_list(self.trust_anchors),
            "intermediates": path_list(self.intermediates),
            "revocation_mode": self.revocation_mode,
            "test_pki": self.test_pki,
            "fetch_timeout": self.fetch_timeout,
            "offline": self.offline,
            "validation_time": self.validation_time,
            "max_cache_seconds": self.cert_cache_seconds,
            "ocsp_default_ttl": self.ocsp_default_ttl,
            "fetch": self._fetch_limit_fields(),
            "crl_files": path_list(self.crl_files),
            "url_rewrite": rewrite_pairs(self.revocation_url_rewrite),
            "gost2015_256": self.gost2015_256_unconfirmed,
        }

    def _fetch_limit_fields(self) -> dict[str, object]:
        hosts = tuple(h.strip() for h in self.fetch_allowed_hosts.split(",") if h.strip())
        return {
            "allowed_hosts": hosts,
            "max_urls": self.fetch_max_urls,
            "max_bytes": self.fetch_max_bytes,
            "max_seconds": self.fetch_max_seconds,
            "max_concurrent": self.fetch_max_concurrent,
        }

    def keystore_config(self) -> KeystoreConfig | None:
        """The key store's configuration, or None when ``QAQPA_KEYSTORE`` is unset.

        Raises ``OSError`` when the file cannot be read and ``ValueError`` (naming the
        variable) when its JSON is not a key store configuration.
        """
        raw = self.keystore.strip()
        if not raw:
            return None
        text = raw.encode() if raw.startswith("{") else Path(raw).read_bytes()
        try:
            config = msgspec.json.decode(text, type=KeystoreConfig)
        except msgspec.ValidationError as exc:
            raise ValueError(f"QAQPA_KEYSTORE: {exc}") from exc
        overrides = {
            field: value
            for field, value in (
                ("pkcs11_module", self.pkcs11_module),
                ("token_label", self.pkcs11_token),
                ("pin", self.pkcs11_pin),
            )
            if value
        }
        return msgspec.structs.replace(config, **overrides) if overrides else config

    @property
    def base_url(self) -> str:
        """The URL clients reach the gateway at (``public_base_url`` or the bound address)."""
        return self.public_base_url.rstrip("/") or f"http://{self.host}:{self.port}"


def rewrite_pairs(value: str) -> tuple[tuple[str, str], ...]:
    """``prefix=replacement`` items separated by ``,``; malformed items are a SettingsError."""
    pairs: list[tuple[str, str]] = []
    for item in (part.strip() for part in value.split(",")):
        prefix, sep, replacement = item.partition("=")
        if item and not (sep and prefix.strip() and replacement.strip()):
            raise SettingsError(f"QAQPA_REVOCATION_URL_REWRITE: {item!r} is not prefix=replacement")
        if item:
            pairs.append((prefix.strip(), replacement.strip()))
    return tuple(pairs)


def path_list(value: str) -> tuple[str, ...]:
    """Paths in one variable, separated by ``:`` or ``,``."""
    return tuple(part.strip() for part in value.replace(",", ":").split(":") if part.strip())


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build :class:`Settings` from ``environ`` (default: the process environment)."""
    source = os.environ if environ is None else environ
    raw: dict[str, str] = {}
    for name in Settings.__struct_fields__:
        value = source.get(ENV_PREFIX + name.upper())
        if value is not None:
            raw[name] = value
    try:
        # strict=False lets msgspec parse "8000" as int and "false" as bool.
        return msgspec.convert(raw, Settings, strict=False)
    except msgspec.ValidationError as exc:
        field = str(exc).rsplit("$.", 1)[-1].rstrip("`")
        raise SettingsError(f"{ENV_PREFIX}{field.upper()}: {exc}") from exc
