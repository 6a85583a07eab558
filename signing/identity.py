"""Who an NCA RK certificate names, and what its key may be used for.

NCA RK (pki.gov.kz) encodes identity in the subject: ``serialNumber=IIN<12 digits>`` for the
person, ``OU=BIN<12 digits>`` (older profiles: ``serialNumber=BIN...``) for the organisation,
``CN`` = "SURNAME NAME", ``SURNAME``, ``GIVENNAME`` (in NCA certificates: the patronymic) and
``O``.  Subject kind and key purpose come first from the certificate policy OIDs, which NCA
sets precisely, and only then from key usage -- so certificates of other PKIs, which carry no
NCA policy, are still classified sensibly.  Roles come from NCA's EKU OIDs.

Everything here is pure parsing; judging (is the IIN valid, is the purpose right) happens in
:func:`purpose_problem` and :mod:`signing.numbers`.
"""

from __future__ import annotations

from functools import lru_cache

from asn1crypto import x509

from signing.result import Identity, KeyPurpose, SubjectKind

POLICY_GOST2015_SINGLE_KEY = "1.2.398.3.3.2"
POLICIES: dict[str, tuple[SubjectKind, KeyPurpose]] = {
    "1.2.398.3.3.2.1": ("legal_entity", "sign"),
    "1.2.398.3.3.2.2": ("legal_entity", "auth"),
    "1.2.398.3.3.2.3": ("individual", "sign"),
    "1.2.398.3.3.2.4": ("individual", "auth"),
}
ROLES: dict[str, str] = {
    "1.2.398.3.3.4.1.1": "individual",
    "1.2.398.3.3.4.1.2": "organization",
    "1.2.398.3.3.4.1.2.1": "first_head",
    "1.2.398.3.3.4.1.2.2": "signer",
    "1.2.398.3.3.4.1.2.3": "finance_signer",
    "1.2.398.3.3.4.1.2.4": "hr",
    "1.2.398.3.3.4.1.2.5": "employee",
    # NCA's treasury client (a BIN, no IIN); information-system certificates carry NCA's own
    # OID below (both seen on NCA's GOST test certificates).
    "1.2.398.3.3.4.1.2.6": "treasury_client",
    "1.2.398.5.19.1.2.2.1": "information_system",
}
ROLE_OIDS: dict[str, str] = {name: oid for oid, name in ROLES.items()}
# The roles that say which organisation or person holds the key, not what they may do.
HOLDER_ROLES = frozenset({"individual", "organization"})
EKU_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2"
EKU_ANY = "2.5.29.37.0"


_SHORT = {
    "common_name": "CN",
    "surname": "SN",
    "serial_number": "serialNumber",
    "country_name": "C",
    "organization_name": "O",
    "organizational_unit_name": "OU",
    "given_name": "GN",
    "email_address": "E",
    "locality_name": "L",
    "state_or_province_name": "ST",
}


def dn_text(name: x509.Name) -> str:
    """Distinguished name in certificate order, openssl-style short names ("CN=.., C=KZ")."""
    parts: list[str] = []
    for rdn in name.chosen:
        for attribute in rdn:
            kind = attribute["type"].native
            value = attribute["value"].native
            parts.append(f"{_SHORT.get(kind, attribute['type'].dotted)}={value}")
    return ", ".join(parts)


def _subject_values(cert: x509.Certificate) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for rdn in cert.subject.chosen:
        for attribute in rdn:
            name = attribute["type"].native
            value = attribute["value"].native
            if isinstance(value, str):
                values.setdefault(name, []).append(value.strip())
    return values


def _numbers(values: dict[str, list[str]]) -> tuple[str | None, str | None]:
    iin = bin_ = None
    for serial in values.get("serial_number", []):
        upper = serial.upper()
        if upper.startswith("IIN") and iin is None:
            iin = serial[3:]
        elif upper.startswith("BIN") and bin_ is None:
            bin_ = serial[3:]
    for unit in values.get("organizational_unit_name", []):
        if unit.upper().startswith("BIN") and bin_ is None:
            bin_ = unit[3:]
    return iin, bin_


def _first(values: dict[str, list[str]], name: str) -> str | None:
    found = values.get(name)
    return found[0] if found else None


def read_identity(cert: x509.Certificate) -> Identity:
    """Parse the identity; raises ``ValueError`` (from asn1crypto) on broken encodings."""
    values = _subject_values(cert)
    iin, bin_ = _numbers(values)

    policy_value = cert.certificate_policies_value
    policies = tuple(p["policy_identifier"].dotted for p in policy_value) if policy_value else ()
    ku_value = cert.key_usage_value
    key_usage = tuple(sorted(ku_value.native)) if ku_value is not None else ()
    eku_value = cert.extended_key_usage_value
    eku = tuple(purpose.dotted for purpose in eku_value) if eku_value is not None else ()
    roles = tuple(ROLES[oid] for oid in eku if oid in ROLES)

    kind: SubjectKind = "unknown"
    purpose: KeyPurpose = "unknown"
    for oid in policies:
        if oid in POLICIES:
            kind, purpose = POLICIES[oid]
            break
    else:
        if POLICY_GOST2015_SINGLE_KEY in policies and "digital_signature" in key_usage:
            # GOST-2015 single keys (DS+NR+KE) serve both uses; signing is what we check.
            purpose = "sign"
        elif {"digital_signature", "non_repudiation"} <= set(key_usage):
            purpose = "sign"
        elif "digital_signature" in key_usage and (
            "key_encipherment" in key_usage or EKU_CLIENT_AUTH in eku
        ):
            purpose = "auth"
    if kind == "unknown":
        if bin_ is not None or "organization" in roles:
            kind = "legal_entity"
        elif iin is not None or "individual" in roles:
            kind = "individual"

    emails = values.get("email_address")
    return Identity(
        iin=iin,
        bin=bin_,
        common_name=_first(values, "common_name"),
        surname=_first(values, "surname"),
        given_name=_first(values, "given_name"),
        organization=_first(values, "organization_name"),
        email=emails[0] if emails else None,
        country=_first(values, "country_name"),
        subject_kind=kind,
        key_purpose=purpose,
        roles=roles,
        policies=policies,
        key_usage=key_usage,
        extended_key_usage=eku,
    )


@lru_cache(maxsize=4096)
def purpose_problem(identity: Identity, purpose: KeyPurpose, is_ca: bool) -> str | None:
    """Why the certificate may not be used for ``purpose``; None when it may."""
    if is_ca:
        return "a CA certificate cannot sign requests"
    ku = set(identity.key_usage)
    single_key = POLICY_GOST2015_SINGLE_KEY in identity.policies
    if purpose == "sign":
        if identity.key_purpose != "sign":
            return f"certificate is for {identity.key_purpose}, not signing"
        if not {"digital_signature", "non_repudiation"} <= ku:
            return "signing requires keyUsage digitalSignature and nonRepudiation"
        return None
    if purpose == "auth":
        if identity.key_purpose != "auth" and not single_key:
            return f"certificate is for {identity.key_purpose}, not authentication"
        if "digital_signature" not in ku:
            return "authentication requires keyUsage digitalSignature"
        eku = set(identity.extended_key_usage)
        # NCA's GOST-2015 single keys carry emailProtection and role OIDs, no clientAuth: their
        # policy (1.2.398.3.3.2) is what makes them authentication keys too.
        if eku and not eku & {EKU_CLIENT_AUTH, EKU_ANY} and not single_key:
            return "authentication requires extendedKeyUsage clientAuth"
        return None
    return None
