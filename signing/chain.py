"""Certification path validation with pyhanko-certvalidator, mapped onto our codes.

certvalidator builds and validates the path (names, signatures, basic constraints, name and
policy constraints, validity at the chosen moment, algorithm policy).  Revocation is switched
off *here* on purpose: :mod:`signing.revocation` consults CRL and OCSP itself so that both are
used, a revocation in either wins, fetching goes through our shared cache, and the source is
reported.  Nothing is fetched from inside certvalidator; AIA chasing is done by the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import x509
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    DisallowedAlgorithmError,
    ExpiredError,
    InvalidCertificateError,
    NotYetValidError,
    PathBuildingError,
    PathValidationError,
    ValidationError,
)
from pyhanko_certvalidator.path import ValidationPath
from pyhanko_certvalidator.policy_decl import (
    CertRevTrustPolicy,
    DisallowWeakAlgorithmsPolicy,
    RevocationCheckingPolicy,
    RevocationCheckingRule,
)

from signing.algorithms import WEAK_DIGESTS, AlgorithmRegistry, UnsupportedAlgorithmError
from signing.result import Code

NO_REVOCATION = CertRevTrustPolicy(
    RevocationCheckingPolicy(
        ee_certificate_rule=RevocationCheckingRule.NO_CHECK,
        intermediate_ca_cert_rule=RevocationCheckingRule.NO_CHECK,
    )
)


@dataclass(frozen=True)
class ChainOutcome:
    code: Code
    message: str
    path: ValidationPath | None
    missing_issuer: bool = False


def validation_context(
    anchors: Sequence[x509.Certificate],
    others: Sequence[x509.Certificate],
    moment: datetime,
    registry: AlgorithmRegistry,
    *,
    revinfo_policy: CertRevTrustPolicy = NO_REVOCATION,
    crls: Sequence[bytes] = (),
    ocsps: Sequence[bytes] = (),
) -> ValidationContext:
    return ValidationContext(
        trust_roots=list(anchors),
        other_certs=list(others),
        moment=moment,
        allow_fetching=False,
        crls=list(crls),
        ocsps=list(ocsps),
        revinfo_policy=revinfo_policy,
        algorithm_usage_policy=DisallowWeakAlgorithmsPolicy(  # type: ignore[no-untyped-call]
            weak_hash_algos=WEAK_DIGESTS, rsa_key_size_threshold=registry.min_rsa_bits
        ),
        signature_validator=registry.validator(),
    )


async def validate_chain(
    cert: x509.Certificate,
    anchors: Sequence[x509.Certificate],
    intermediates: Sequence[x509.Certificate],
    moment: datetime,
    registry: AlgorithmRegistry,
) -> ChainOutcome:
    if not anchors:
        return ChainOutcome(Code.UNTRUSTED, "no trust anchors configured", None)
    context = validation_context(anchors, intermediates, moment, registry)
    validator = CertificateValidator(cert, validation_context=context)
    try:
        path = await validator.async_validate_path()
    except UnsupportedAlgorithmError as exc:
        return ChainOutcome(Code.UNSUPPORTED_ALGORITHM, f"in the chain: {exc}", None)
    except DisallowedAlgorithmError as exc:
        return ChainOutcome(Code.WEAK_ALGORITHM, str(exc), None)
    except ExpiredError as exc:
        return ChainOutcome(Code.EXPIRED, str(exc), None)
    except NotYetValidError as exc:
        return ChainOutcome(Code.NOT_YET_VALID, str(exc), None)
    except PathBuildingError as exc:
        return ChainOutcome(Code.UNTRUSTED, str(exc), None, missing_issuer=True)
    except (PathValidationError, InvalidCertificateError, ValidationError) as exc:
        return ChainOutcome(Code.UNTRUSTED, str(exc), None)
    except (ValueError, TypeError, KeyError) as exc:
        return ChainOutcome(Code.MALFORMED, f"certificate could not be processed: {exc}", None)
    return ChainOutcome(Code.OK, "", path)
