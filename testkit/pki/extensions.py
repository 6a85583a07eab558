"""Certificate extensions as certomancer configuration: key usage, EKU, policies, and where
a certificate says its CRL, OCSP responder and issuer live (or a dead address for them)."""

from __future__ import annotations

from typing import Any

from asn1crypto import x509


def key_usage(*names: str) -> dict[str, Any]:
    return {
        "id": "key_usage",
        "critical": True,
        "smart-value": {"schema": "key-usage", "params": list(names)},
    }


def extended_key_usage(*oids: str, critical: bool = False) -> dict[str, Any]:
    return {"id": "extended_key_usage", "critical": critical, "value": list(oids)}


def policies(*oids: str) -> dict[str, Any]:
    return {"id": "certificate_policies", "value": [{"policy_identifier": oid} for oid in oids]}


def ca_extensions(crl_repo: str | None, issuer_repo: str | None) -> list[dict[str, Any]]:
    exts: list[dict[str, Any]] = [
        {"id": "basic_constraints", "critical": True, "value": {"ca": True}},
        key_usage("key_cert_sign", "crl_sign"),
        policies("1.2.398.3.3.1.1"),
    ]
    if crl_repo is not None:
        exts.append(
            {
                "id": "crl_distribution_points",
                "smart-value": {"schema": "crl-dist-url", "params": {"crl-repo-names": [crl_repo]}},
            }
        )
    if issuer_repo is not None:
        exts.append(
            {
                "id": "authority_information_access",
                "smart-value": {
                    "schema": "aia-urls",
                    "params": {"ca-issuer-links": [{"repo": issuer_repo}]},
                },
            }
        )
    return exts


def revinfo_extensions(crl_repo: str, ocsp: str | None, issuer_repo: str) -> list[dict[str, Any]]:
    aia: dict[str, Any] = {"ca-issuer-links": [{"repo": issuer_repo}]}
    if ocsp is not None:
        aia["ocsp-responder-names"] = [ocsp]
    return [
        {
            "id": "crl_distribution_points",
            "smart-value": {"schema": "crl-dist-url", "params": {"crl-repo-names": [crl_repo]}},
        },
        {
            "id": "authority_information_access",
            "smart-value": {"schema": "aia-urls", "params": aia},
        },
    ]


def dead_revinfo_extensions(dead_url: str) -> list[dict[str, Any]]:
    # Built with asn1crypto and passed as raw DER: certomancer's plain YAML values cannot
    # express GeneralName choices, and its URL plugins only point at its own services.
    def uri(url: str) -> x509.GeneralName:
        return x509.GeneralName(name="uniform_resource_identifier", value=url)

    dps = x509.CRLDistributionPoints(
        [
            {
                "distribution_point": x509.DistributionPointName(
                    name="full_name", value=[uri(f"{dead_url}/nca.crl")]
                )
            }
        ]
    )
    aia = x509.AuthorityInfoAccessSyntax(
        [{"access_method": "ocsp", "access_location": uri(f"{dead_url}/ocsp")}]
    )
    return [
        {
            "id": "crl_distribution_points",
            "smart-value": {"schema": "der-bytes", "params": dps.dump().hex()},
        },
        {
            "id": "authority_information_access",
            "smart-value": {"schema": "der-bytes", "params": aia.dump().hex()},
        },
    ]
