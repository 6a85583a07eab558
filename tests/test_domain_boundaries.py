"""The service domains plug into the engine; the engine and the shared packages know none.

Imports point one way: a domain package imports the engine, the catalogue's types, the shared
form pieces and the models; :mod:`registry.domains` imports the domains; the gateway, the
workers and the CLI import :mod:`registry.domains`. Nothing shared imports a domain, and no
domain imports another (read from the source with ``ast``: lazy imports count too).
"""

from __future__ import annotations

import pytest

from tests.import_graph import import_sites, within

DOMAINS = (
    "registry.customs_release",
    "registry.declarant_certificate",
    "registry.precious_metals",
    "registry.reexport_permit",
)
COMPOSITION = "registry.domains"
SHARED = (
    "registry/workflow",
    "registry/catalogue",
    "registry/forms",
    "registry/models",
    "registry/results",
    "registry/issuing",
    "registry/complaints",
    "registry/officers",
)


def _domain_of(module: str) -> str | None:
    return next((domain for domain in DOMAINS if within(module, domain)), None)


@pytest.mark.parametrize("folder", SHARED)
def test_shared_packages_import_no_domain(folder: str) -> None:
    offending = [
        str(site)
        for site in import_sites(folder)
        if _domain_of(site.module) is not None or within(site.module, COMPOSITION)
    ]
    assert offending == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_domains_import_no_other_domain(domain: str) -> None:
    offending = [
        str(site)
        for site in import_sites(domain.replace(".", "/"))
        if _domain_of(site.module) not in (None, domain) or within(site.module, COMPOSITION)
    ]
    assert offending == []


def test_only_the_composition_imports_every_domain() -> None:
    importers = {
        site.path
        for site in import_sites("registry")
        if _domain_of(site.module) is not None
        and not any(site.path.startswith(domain.replace(".", "/") + "/") for domain in DOMAINS)
    }
    assert importers == {"registry/domains.py"}
