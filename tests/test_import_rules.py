"""Which of the repository's packages each runtime package may import: the arrows point one way.

``gateway -> registry -> signing`` and ``workers -> registry -> signing``; nothing imports
``gateway`` or ``workers``.  ``qaqpa worker`` is no exception: the gateway's command line names
it by the string ``"workers.cli:worker"`` (data, loaded when the command runs), so no module of
the gateway imports ``workers``.  Every ``import`` statement counts, also those inside
functions.

Two neighbouring rules have their own tests: which ``signing`` names the others may use
(tests/test_signing_public_api.py: only its public API), and that no runtime package imports
the development package ``testkit`` except the guarded registration of the developer commands
in ``gateway/cli.py`` (tests/test_wheel_contents.py).  That is why ``testkit`` is allowed to the
gateway here.
"""

from __future__ import annotations

import pytest

from tests.import_graph import ROOT, RUNTIME_PACKAGES, import_sites, within

# The repository's own top-level packages (bench, scripts, tests and testkit included).
FIRST_PARTY = tuple(
    sorted(
        {path.parent.name for path in ROOT.glob("*/*.py") if not path.parent.name.startswith(".")}
    )
)

ALLOWED = {
    "signing": {"signing"},
    "registry": {"registry", "signing"},
    "gateway": {"gateway", "registry", "signing", "testkit"},
    "workers": {"workers", "registry", "signing"},
}


def test_every_runtime_package_has_a_rule() -> None:
    assert set(ALLOWED) == set(RUNTIME_PACKAGES)
    assert set(RUNTIME_PACKAGES) < set(FIRST_PARTY)


@pytest.mark.parametrize("package", RUNTIME_PACKAGES)
def test_a_runtime_package_imports_only_the_packages_below_it(package: str) -> None:
    forbidden = [other for other in FIRST_PARTY if other not in ALLOWED[package]]
    wrong = [
        str(site)
        for site in import_sites(package)
        if any(within(site.module, other) for other in forbidden)
    ]
    assert wrong == []
