"""The local test PKI's identities as a table: who signs with which certificate and key.

Applicants by kind and NCA role, the provider's officers whose keys the local key store holds,
and what each broken certificate is there to show. ``qaqpa pki identities`` prints it, the
README's quick start points at it, and ``qaqpa demo submit`` picks its signer from it. The
certificate of a label is ``DIR/certs/<label>.pem`` and its key ``DIR/keys/<key>.key.pem``;
``DIR/pairs/<label>.pem`` and ``DIR/pairs/<label>.key.pem`` name the two as a pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from testkit.pki.config import (
    HEAD_IIN,
    INDIVIDUAL_IIN,
    LEAF_KEYS,
    LEGAL_BIN,
    LEGAL_EMPLOYEE_IIN,
    LEGAL_FINANCE_IIN,
    LEGAL_HR_IIN,
    LEGAL_SIGNER_IIN,
    NCA_TEST_IIN,
    PROVIDER_BIN,
    PROVIDER_EXECUTOR_IIN,
    PROVIDER_HEAD_IIN,
    PROVIDER_REVOKED_IIN,
)
from testkit.pki.keys import key_path


@dataclass(frozen=True)
class Identity:
    """One certificate of the test PKI and what it is for."""

    group: str  # applicant, officer, broken
    label: str  # the certificate's label: DIR/certs/<label>.pem
    who: str  # kind and role
    number: str  # IIN and/or BIN
    use: str  # what to do with it

    @property
    def key(self) -> str:
        return LEAF_KEYS[self.label]


_LEGAL = f"BIN {LEGAL_BIN}"
IDENTITIES: tuple[Identity, ...] = (
    Identity("applicant", "individual-sign", "individual", f"IIN {INDIVIDUAL_IIN}",
             "signs an individual's application (declarant-certificate)"),
    Identity("applicant", "individual-auth", "individual (AUTH key)", f"IIN {INDIVIDUAL_IIN}",
             "log-in key: signing with it is 422 wrong_key_usage"),
    Identity("applicant", "individual-ec", "individual (ECDSA)", f"IIN {INDIVIDUAL_IIN}",
             "signs like individual-sign, with an EC key"),
    Identity("applicant", "legal-sign", "legal entity, first head", f"{_LEGAL}, IIN {HEAD_IIN}",
             "signs a legal entity's application (customs-release, pm-*, reexport-permit)"),
    Identity("applicant", "legal-signer", "legal entity, right to sign",
             f"{_LEGAL}, IIN {LEGAL_SIGNER_IIN}", "signs for the entity in every service"),
    Identity("applicant", "legal-finance", "legal entity, financial signer",
             f"{_LEGAL}, IIN {LEGAL_FINANCE_IIN}", "signs only where money is (customs-release)"),
    Identity("applicant", "legal-hr", "legal entity, HR", f"{_LEGAL}, IIN {LEGAL_HR_IIN}",
             "422 no_signing_authority"),
    Identity("applicant", "legal-employee", "legal entity, employee",
             f"{_LEGAL}, IIN {LEGAL_EMPLOYEE_IIN}", "422 no_signing_authority"),
    Identity("applicant", "legal-system", "legal entity, information system", _LEGAL,
             "422 no_signing_authority"),
    Identity("officer", "provider-head", "provider officer, head (key in the key store)",
             f"IIN {PROVIDER_HEAD_IIN}, BIN {PROVIDER_BIN}",
             "signs results (qaqpa officers create --role signer --iin 780305300128)"),
    Identity("officer", "provider-executor", "provider officer, executor (key in the key store)",
             f"IIN {PROVIDER_EXECUTOR_IIN}, BIN {PROVIDER_BIN}",
             "signs results; also the system key (results nobody approves by hand)"),
    Identity("officer", "provider-revoked", "provider officer (certificate revoked)",
             f"IIN {PROVIDER_REVOKED_IIN}, BIN {PROVIDER_BIN}",
             "approval refused: signer_certificate_revoked"),
    Identity("broken", "expired", "individual", "", "422 expired"),
    Identity("broken", "not-yet-valid", "individual", "", "422 not_yet_valid"),
    Identity("broken", "revoked-crl", "individual", "", "422 revoked (on the CRL)"),
    Identity("broken", "revoked-ocsp", "individual", "", "422 revoked (only OCSP knows yet)"),
    Identity("broken", "revoked-ca-leaf", "individual", "", "422 revoked (its CA is revoked)"),
    Identity("broken", "unknown-leaf", "individual", "", "422 untrusted (another root)"),
    Identity("broken", "forged-leaf", "individual", "", "422 untrusted (issuer name forged)"),
    Identity("broken", "weak-hash", "individual", "", "422 weak_algorithm (SHA-1 certificate)"),
    Identity("broken", "weak-key", "individual", "", "422 weak_algorithm (RSA-1024)"),
    Identity("broken", "dsa-leaf", "individual", "", "422 unsupported_algorithm (DSA)"),
    Identity("broken", "unreachable", "individual", "",
             "422 revocation_unknown (CRL/OCSP unreachable)"),
    Identity("broken", "bad-iin", "individual", f"IIN {NCA_TEST_IIN}",
             "422 invalid_iin (NCA's test IIN; accepted with QAQPA_TEST_PKI=true)"),
    Identity("broken", "bad-bin", "legal entity", "", "422 invalid_bin (checksum off)"),
)  # fmt: skip

# The certificate each applicant kind signs with in ``qaqpa demo submit``.
APPLICANT_LABELS = {"iin": "individual-sign", "bin": "legal-sign"}


def identities_table(pki_dir: Path) -> str:
    """The table as fixed-width text, one row per certificate, with its certificate and key."""
    rows = [("group", "certificate", "key", "who", "IIN/BIN", "use")]
    for identity in IDENTITIES:
        rows.append((
            identity.group,
            str(pki_dir / "certs" / f"{identity.label}.pem"),
            str(key_path(pki_dir, identity.key)),
            identity.who,
            identity.number or "—",
            identity.use,
        ))  # fmt: skip
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]))
    return "\n".join(lines)


def write_pairs(pki_dir: Path) -> Path:
    """``DIR/pairs/<label>.pem`` + ``<label>.key.pem`` symlinks: each certificate next to its
    key under one name (the keys themselves stay shared under ``DIR/keys``)."""
    pairs = pki_dir / "pairs"
    pairs.mkdir(exist_ok=True)
    for label, key in LEAF_KEYS.items():
        for link, target in (
            (pairs / f"{label}.pem", Path("..") / "certs" / f"{label}.pem"),
            (pairs / f"{label}.key.pem", Path("..") / "keys" / f"{key}.key.pem"),
        ):
            if link.is_symlink() or link.exists():
                link.unlink()
            link.symlink_to(target)
    return pairs
