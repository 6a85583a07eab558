"""Other packages use ``signing`` through its public API: the names ``signing/__init__.py`` lists.

``from signing import Verifier``, never ``from signing.verify import Verifier``: the modules of
the library can then move and split without touching its users.  The one exception is
``signing.cli``, the click groups the ``qaqpa`` command line mounts.
"""

from __future__ import annotations

import sys

import pytest

import signing
from tests.import_graph import import_sites, modules_loaded_by, within

USERS = ("registry", "gateway", "workers")
CLI = "signing.cli"


@pytest.mark.parametrize("package", USERS)
def test_imports_name_only_public_signing_api(package: str) -> None:
    sites = [site for site in import_sites(package) if within(site.module, "signing")]
    internal = [str(site) for site in sites if site.module not in {"signing", CLI}]
    assert internal == []
    unlisted = [
        f"{site}: {name}"
        for site in sites
        if site.module == "signing"
        for name in site.names
        if name not in signing.__all__
    ]
    assert unlisted == []


def test_only_the_gateway_cli_mounts_the_signing_cli() -> None:
    sites = [site for package in USERS for site in import_sites(package) if site.module == CLI]
    assert {site.path for site in sites} == {"gateway/cli.py"}


def test_every_public_name_resolves() -> None:
    assert sorted(signing.__all__) == sorted(signing._EXPORTED_FROM)
    for name in signing.__all__:
        assert getattr(signing, name) is getattr(sys.modules[signing._EXPORTED_FROM[name]], name), (
            name
        )


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        getattr(signing, "no_such_name")  # noqa: B009


def test_a_number_check_does_not_load_the_verifier() -> None:
    # Names load on first use: registry's IIN checks must not pull in pyHanko, aiohttp, redis.
    loaded = modules_loaded_by("from signing import check_iin")
    assert sorted(loaded & {"signing.verify", "pyhanko", "aiohttp"}) == []
