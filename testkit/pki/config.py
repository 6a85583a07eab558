"""The certomancer description of the NCA-shaped test PKI.

Shape (labels are certomancer certificate labels; ``DIR/certs/<label>.pem`` after a build):

* ``root`` -- self-signed root ("НЕГІЗГІ КО TEST"), the trust anchor, with a CRL for its CAs.
* ``nca`` -- issuing CA ("ҰКО TEST"); CRL, delegated OCSP responder ``nca-ocsp``, TSA ``tsa``.
* ``individual-sign`` / ``individual-auth`` / ``individual-ec`` -- an individual's signing and
  authentication certificates (policies 1.2.398.3.3.2.3 / .2.4) and an ECDSA signing one.
* ``legal-sign`` / ``legal-auth`` -- a legal entity's first head (.2.1 / .2.2, BIN in OU).
* ``legal-signer``, ``legal-finance``, ``legal-hr``, ``legal-employee``, ``legal-system`` -- the
  same legal entity's other NCA roles (EKU 1.2.398.3.3.4.1.2.2 to .2.5, and NCA's
  information-system OID 1.2.398.5.19.1.2.2.1): a person with the right to sign, the financial
  signer, HR, an employee and an information system (no IIN).
* ``expired``, ``not-yet-valid``, ``revoked-crl`` (revoked two days ago, so on the current CRL),
  ``revoked-ocsp`` (revoked an hour ago: after the current CRL's thisUpdate, so only OCSP knows),
  ``revoked-ca`` + ``revoked-ca-leaf`` (the intermediate is on the root CRL), ``unknown-root`` +
  ``unknown-leaf`` (not under the anchor), ``forged-leaf`` (issuer name copied from ``nca``,
  signed by another key), ``weak-hash`` (SHA-1 certificate signature), ``weak-key`` (RSA-1024),
  ``dsa-leaf`` (DSA key: not a supported algorithm), ``unreachable`` (CRL/OCSP URLs on a closed
  loopback port), ``bad-iin`` (the NCA test IIN 123456789011), ``bad-bin`` (BIN checksum off).
* ``provider-head`` / ``provider-executor`` / ``provider-revoked`` -- officers of a state body
  (BIN ``PROVIDER_BIN``) who sign the service results: the head (first_head role), an executor
  (signer role) and an executor whose certificate was revoked two days ago (key compromise), so a
  document signed with it today is signed after revocation.
* ``provider-head-auth`` / ``provider-executor-auth`` / ``provider-revoked-auth`` -- the same
  officers' authentication certificates (clientAuth, policy .2.2), with which they log in to
  the console; the last one is revoked too.

All dates are relative to ``now``: the CRL schedule is one day and the CAs start at a
half-day offset, so the CRL served at any moment of the next twelve hours has
thisUpdate = now - 12 h.  That is what makes "revoked only in OCSP" real rather than mocked.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from testkit.pki.extensions import (
    ca_extensions,
    dead_revinfo_extensions,
    extended_key_usage,
    key_usage,
    policies,
    revinfo_extensions,
)
from testkit.pki.keys import KEY_KINDS, key_path
from testkit.pki.services import pki_services

ARCH = "qaqpa-test"

INDIVIDUAL_IIN = "871008401427"
HEAD_IIN = "760212350620"
LEGAL_BIN = "940140000385"
NCA_TEST_IIN = "123456789011"
BAD_BIN = "940140000386"
# The state body that issues results, and its officers (valid checksums, real-looking dates).
PROVIDER_BIN = "990740002243"
PROVIDER_NAME = "РМУ «ҚАҚПА СЫНАҚ ДЕПАРТАМЕНТІ» (TEST)"
PROVIDER_HEAD_IIN = "780305300128"
PROVIDER_EXECUTOR_IIN = "851112400450"
PROVIDER_REVOKED_IIN = "900625500782"
# The legal entity's staff other than its first head (valid checksums).
LEGAL_SIGNER_IIN = "820315400001"
LEGAL_FINANCE_IIN = "901122500007"
LEGAL_HR_IIN = "850730400001"
LEGAL_EMPLOYEE_IIN = "930412600002"

POLICY_LEGAL_SIGN = "1.2.398.3.3.2.1"
POLICY_LEGAL_AUTH = "1.2.398.3.3.2.2"
POLICY_INDIVIDUAL_SIGN = "1.2.398.3.3.2.3"
POLICY_INDIVIDUAL_AUTH = "1.2.398.3.3.2.4"
ROLE_INDIVIDUAL = "1.2.398.3.3.4.1.1"
ROLE_ORGANIZATION = "1.2.398.3.3.4.1.2"
ROLE_FIRST_HEAD = "1.2.398.3.3.4.1.2.1"
ROLE_SIGNER = "1.2.398.3.3.4.1.2.2"
ROLE_FINANCE_SIGNER = "1.2.398.3.3.4.1.2.3"
ROLE_HR = "1.2.398.3.3.4.1.2.4"
ROLE_EMPLOYEE = "1.2.398.3.3.4.1.2.5"
ROLE_INFORMATION_SYSTEM = "1.2.398.5.19.1.2.2.1"

CRL_PERIOD = timedelta(days=1)

# Leaf label -> key label, for code that needs to sign with a leaf's key.
LEAF_KEYS: dict[str, str] = {
    "individual-sign": "individual",
    "individual-auth": "individual-auth",
    "individual-ec": "individual-ec",
    "legal-sign": "legal",
    "legal-auth": "legal-auth",
    "legal-signer": "legal-staff",
    "legal-finance": "legal-staff",
    "legal-hr": "legal-staff",
    "legal-employee": "legal-staff",
    "legal-system": "legal-staff",
    "expired": "other",
    "not-yet-valid": "other",
    "revoked-crl": "other",
    "revoked-ocsp": "other",
    "revoked-ca-leaf": "other",
    "unknown-leaf": "other",
    "forged-leaf": "other",
    "weak-hash": "other",
    "weak-key": "weak-key",
    "dsa-leaf": "dsa",
    "unreachable": "other",
    "bad-iin": "other",
    "bad-bin": "other",
    "provider-head": "provider-head",
    "provider-executor": "provider-executor",
    "provider-revoked": "provider-revoked",
    "provider-head-auth": "provider-head-auth",
    "provider-executor-auth": "provider-executor-auth",
    "provider-revoked-auth": "provider-revoked-auth",
}

# The legal entity's signing certificates by NCA role: label -> (entity, role OID).
LEGAL_STAFF: dict[str, tuple[str, str]] = {
    "legal-signer": ("legal-signer", ROLE_SIGNER),
    "legal-finance": ("legal-finance", ROLE_FINANCE_SIGNER),
    "legal-hr": ("legal-hr", ROLE_HR),
    "legal-employee": ("legal-employee", ROLE_EMPLOYEE),
    "legal-system": ("legal-system", ROLE_INFORMATION_SYSTEM),
}

# The provider's signing certificates: label -> (officer IIN, key label).
PROVIDER_OFFICERS: dict[str, tuple[str, str]] = {
    "provider-head": (PROVIDER_HEAD_IIN, "provider-head"),
    "provider-executor": (PROVIDER_EXECUTOR_IIN, "provider-executor"),
    "provider-revoked": (PROVIDER_REVOKED_IIN, "provider-revoked"),
}

# The same officers' authentication certificates (the console's EDS login): label -> (officer
# IIN, key label). ``provider-revoked-auth`` is revoked like its signing twin.
PROVIDER_AUTH: dict[str, tuple[str, str]] = {
    "provider-head-auth": (PROVIDER_HEAD_IIN, "provider-head-auth"),
    "provider-executor-auth": (PROVIDER_EXECUTOR_IIN, "provider-executor-auth"),
    "provider-revoked-auth": (PROVIDER_REVOKED_IIN, "provider-revoked-auth"),
}


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+0000")


def _validity(start: datetime, end: datetime) -> dict[str, str]:
    return {"valid-from": _ts(start), "valid-to": _ts(end)}


def _person(iin: str) -> dict[str, str]:
    return {
        "common-name": "ТЕСТОВ ТЕСТ",
        "surname": "ТЕСТОВ",
        "serial-number": f"IIN{iin}",
        "given-name": "ТЕСТОВИЧ",
    }


def _organisation(iin: str, bin_: str) -> dict[str, str]:
    return {
        **_person(iin),
        "organization-name": 'ТОО "ТЕСТ"',
        "organizational-unit-name": f"BIN{bin_}",
    }


def _officer(iin: str, surname: str, given: str, patronymic: str) -> dict[str, str]:
    return {
        "common-name": f"{surname} {given}",
        "surname": surname,
        "serial-number": f"IIN{iin}",
        "given-name": patronymic,
        "organization-name": PROVIDER_NAME,
        "organizational-unit-name": f"BIN{PROVIDER_BIN}",
    }


def _legal_sign_profile(*roles: str) -> list[dict[str, Any]]:
    return [
        key_usage("digital_signature", "non_repudiation"),
        extended_key_usage("email_protection", ROLE_ORGANIZATION, *roles),
        policies(POLICY_LEGAL_SIGN),
    ]


def _legal_auth_profile(*roles: str) -> list[dict[str, Any]]:
    return [
        key_usage("digital_signature", "key_encipherment"),
        extended_key_usage("client_auth", ROLE_ORGANIZATION, *roles),
        policies(POLICY_LEGAL_AUTH),
    ]


def _sign_profile() -> list[dict[str, Any]]:
    return [
        key_usage("digital_signature", "non_repudiation"),
        extended_key_usage("email_protection", ROLE_INDIVIDUAL),
        policies(POLICY_INDIVIDUAL_SIGN),
    ]


def build_config(
    key_dir: Path, base_url: str, dead_url: str, now: datetime | None = None
) -> dict[str, Any]:
    """Return the certomancer configuration (a plain dict, YAML-serialisable)."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    return {
        "external-url-prefix": base_url,
        "keysets": {
            "qaqpa-test": {
                "keys": {label: {"path": str(key_path(key_dir, label))} for label in KEY_KINDS}
            }
        },
        "pki-architectures": {
            ARCH: {
                "keyset": "qaqpa-test",
                "entity-defaults": {"country-name": "KZ"},
                "entities": _entities(),
                "certs": {**_authority_certs(now), **_leaf_certs(now, dead_url)},
                "services": pki_services(),
            }
        },
    }


def _entities() -> dict[str, dict[str, str]]:
    """The subjects of the test PKI: its authorities, applicants and the provider's officers."""
    return {
        "root": {"common-name": "НЕГІЗГІ КО TEST (QAQPA)"},
        "nca": {"common-name": "ҰКО TEST (QAQPA RSA)"},
        "forger": {"common-name": "ҰКО TEST (QAQPA RSA)"},
        "nca-ocsp": {"common-name": "OCSP RESPONDER (QAQPA TEST)"},
        "tsa": {"common-name": "TSA (QAQPA TEST)"},
        "revoked-ca": {"common-name": "ҰКО TEST REVOKED (QAQPA)"},
        "unknown-root": {"common-name": "UNKNOWN ROOT CA"},
        "individual": _person(INDIVIDUAL_IIN),
        "legal": _organisation(HEAD_IIN, LEGAL_BIN),
        "legal-signer": _organisation(LEGAL_SIGNER_IIN, LEGAL_BIN),
        "legal-finance": _organisation(LEGAL_FINANCE_IIN, LEGAL_BIN),
        "legal-hr": _organisation(LEGAL_HR_IIN, LEGAL_BIN),
        "legal-employee": _organisation(LEGAL_EMPLOYEE_IIN, LEGAL_BIN),
        # NCA's information-system certificates name the organisation, not a person.
        "legal-system": {
            "common-name": "ҚАҚПА СЫНАҚ АЖ",
            "organization-name": 'ТОО "ТЕСТ"',
            "organizational-unit-name": f"BIN{LEGAL_BIN}",
        },
        "bad-iin": _person(NCA_TEST_IIN),
        "bad-bin": _organisation(HEAD_IIN, BAD_BIN),
        "provider-head": _officer(PROVIDER_HEAD_IIN, "БАСШЫБАЕВ", "ҚАНАТ", "ӘЛІҰЛЫ"),
        "provider-executor": _officer(PROVIDER_EXECUTOR_IIN, "ОРЫНДАУШЫ", "ӘСЕЛ", "ҒАЛЫМҚЫЗЫ"),
        "provider-revoked": _officer(PROVIDER_REVOKED_IIN, "КЕРІҚАЙТАРЫЛҒАН", "ҰЛАН", "ҮСЕНҰЛЫ"),
    }


def _authority_certs(now: datetime) -> dict[str, dict[str, Any]]:
    """The CAs (with a revoked one, an unknown root and a forger), the OCSP responder, the TSA."""
    day = timedelta(days=1)
    ca_start = now - 400 * day + CRL_PERIOD / 2
    root_start = now - 5 * 365 * day + CRL_PERIOD / 2
    far = now + 5 * 365 * day
    return {
        "root": {
            "subject": "root",
            "issuer": "root",
            "validity": _validity(root_start, now + 10 * 365 * day),
            "extensions": ca_extensions(None, None),
        },
        "nca": {
            "subject": "nca",
            "issuer": "root",
            "validity": _validity(ca_start, far),
            "extensions": ca_extensions("root", "root"),
        },
        "revoked-ca": {
            "subject": "revoked-ca",
            "issuer": "root",
            "validity": _validity(ca_start, far),
            "extensions": ca_extensions("root", "root"),
            "revocation": {"revoked-since": _ts(now - 2 * day), "reason": "ca_compromise"},
        },
        "unknown-root": {
            "subject": "unknown-root",
            "issuer": "unknown-root",
            "validity": _validity(ca_start, far),
            "extensions": ca_extensions(None, None),
        },
        "forger": {
            "subject": "forger",
            "issuer": "forger",
            "validity": _validity(ca_start, far),
            "extensions": ca_extensions(None, None),
        },
        # The responder's own certificate is not checked for revocation (RFC 6960 4.2.2.2.1).
        "nca-ocsp": _nca_service("nca-ocsp", "ocsp_signing", now, far, {"id": "ocsp_no_check"}),
        "tsa": _nca_service("tsa", "time_stamping", now, far),
    }


def _nca_service(
    subject: str, purpose: str, now: datetime, until: datetime, *more: dict[str, Any]
) -> dict[str, Any]:
    """One of NCA's own service certificates (OCSP responder, TSA): it signs for ``purpose``
    only (a critical extended key usage)."""
    return {
        "subject": subject,
        "issuer": "nca",
        "validity": _validity(now - timedelta(days=30), until),
        "extensions": [
            key_usage("digital_signature"),
            extended_key_usage(purpose, critical=True),
            *more,
        ],
    }


def _leaf(
    subject: str,
    key: str,
    issuer: str = "nca",
    *,
    validity: dict[str, str],
    exts: list[dict[str, Any]] | None = None,
    revinfo: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """An end-entity certificate: NCA's individual signing profile and NCA's revocation data
    unless told otherwise; ``extra`` are further certomancer keys (``snake_case`` here)."""
    spec: dict[str, Any] = {
        "subject": subject,
        "subject-key": key,
        "issuer": issuer,
        "validity": validity,
        "extensions": (exts if exts is not None else _sign_profile())
        + (revinfo if revinfo is not None else revinfo_extensions("nca", "nca", "nca")),
    }
    spec.update({key.replace("_", "-"): value for key, value in extra.items()})
    return spec


def _leaf_certs(now: datetime, dead_url: str) -> dict[str, dict[str, Any]]:
    """Applicants' and officers' certificates, good ones and one for every way to fail."""
    day = timedelta(days=1)
    leaf = partial(_leaf, validity=_validity(now - 30 * day, now + 365 * day))
    revoked_ca_revinfo = revinfo_extensions("revoked-ca", None, "revoked-ca")
    compromised = {"revoked-since": _ts(now - 2 * day), "reason": "key_compromise"}
    providers: tuple[tuple[str, str, dict[str, Any]], ...] = (
        ("provider-head", ROLE_FIRST_HEAD, {}),
        ("provider-executor", ROLE_SIGNER, {}),
        ("provider-revoked", ROLE_SIGNER, {"revocation": compromised}),
    )
    return {
        "individual-sign": leaf("individual", "individual"),
        "individual-auth": leaf(
            "individual",
            "individual-auth",
            exts=[
                key_usage("digital_signature", "key_encipherment"),
                extended_key_usage("client_auth", ROLE_INDIVIDUAL),
                policies(POLICY_INDIVIDUAL_AUTH),
            ],
        ),
        "individual-ec": leaf("individual", "individual-ec"),
        "legal-sign": leaf("legal", "legal", exts=_legal_sign_profile(ROLE_FIRST_HEAD)),
        "legal-auth": leaf("legal", "legal-auth", exts=_legal_auth_profile(ROLE_FIRST_HEAD)),
        **{
            label: leaf(entity, "legal-staff", exts=_legal_sign_profile(role))
            for label, (entity, role) in LEGAL_STAFF.items()
        },
        "expired": leaf("individual", "other", validity=_validity(now - 200 * day, now - 2 * day)),
        "not-yet-valid": leaf(
            "individual", "other", validity=_validity(now + 2 * day, now + 200 * day)
        ),
        "revoked-crl": leaf("individual", "other", revocation=compromised),
        "revoked-ocsp": leaf(
            "individual",
            "other",
            revocation={"revoked-since": _ts(now - timedelta(hours=1)), "reason": "superseded"},
        ),
        "revoked-ca-leaf": leaf("individual", "other", "revoked-ca", revinfo=revoked_ca_revinfo),
        "unknown-leaf": leaf("individual", "other", "unknown-root", revinfo=[]),
        "forged-leaf": leaf("individual", "other", "forger", authority_key="forger"),
        "weak-hash": leaf("individual", "other", digest_algo="sha1"),
        "weak-key": leaf("individual", "weak-key"),
        "dsa-leaf": leaf("individual", "dsa"),
        "unreachable": leaf("individual", "other", revinfo=dead_revinfo_extensions(dead_url)),
        "bad-iin": leaf("bad-iin", "other"),
        "bad-bin": leaf("bad-bin", "other", exts=_legal_sign_profile()),
        # The provider's officers: a signing and an authentication certificate each.
        **{
            name: leaf(name, name, exts=_legal_sign_profile(role), **extra)
            for name, role, extra in providers
        },
        **{
            f"{name}-auth": leaf(name, f"{name}-auth", exts=_legal_auth_profile(role), **extra)
            for name, role, extra in providers
        },
    }
