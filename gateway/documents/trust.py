"""The certificates issued documents are verified against, read once per configuration.

Verification uses every configured trust anchor (``QAQPA_TRUST_ANCHORS``: the NCA roots, and
locally the test PKI's root), so a document signed by anybody holding an NCA certificate can
be checked, not only ours. The published roots are the self-signed ones among them.
"""

from __future__ import annotations

from functools import lru_cache

from asn1crypto import x509

from registry.settings import Settings, path_list
from signing import load_certificates


@lru_cache(maxsize=4)
def _anchors(paths: str) -> tuple[x509.Certificate, ...]:
    return tuple(load_certificates(path_list(paths)))


def trust_anchors(settings: Settings) -> list[x509.Certificate]:
    """The verification anchors of ``settings`` (files are read on first use only)."""
    return list(_anchors(settings.trust_anchors))


def intermediate_certificates(settings: Settings) -> list[x509.Certificate]:
    """The CA certificates known in advance (``QAQPA_INTERMEDIATES``): chains of documents
    that do not carry them are completed from these, not from URLs the documents name."""
    return list(_anchors(settings.intermediates))


def published_roots(settings: Settings) -> list[x509.Certificate]:
    """The self-signed anchors: what ``GET /v1/pki/roots`` publishes."""
    return [cert for cert in trust_anchors(settings) if cert.self_signed != "no"]
