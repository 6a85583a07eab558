"""What ships: the wheel holds the runtime packages only, and they never need testkit.

The file list comes from hatchling, the build backend itself (what ``uv build --wheel``
packs, without writing the archive).  The test PKI, the sample documents and the seed live in
``testkit/``, which a development checkout has and an installation does not; so no runtime
module may import it (or certomancer, a development-only dependency), except the guarded
registration of the developer commands.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from hatchling.builders.wheel import WheelBuilder

from tests.import_graph import ROOT, RUNTIME_PACKAGES, import_sites, within

DEVELOPMENT_ONLY = ("testkit", "certomancer")


def _wheel_files() -> list[PurePosixPath]:
    builder = WheelBuilder(str(ROOT))
    return [PurePosixPath(file.distribution_path) for file in builder.recurse_included_files()]


def test_the_wheel_holds_the_runtime_packages_and_their_data_only() -> None:
    files = _wheel_files()
    assert {file.parts[0] for file in files} == set(RUNTIME_PACKAGES)
    assert "registry/results/render/fonts/DejaVuSans.ttf" in {str(file) for file in files}
    assert "registry/migrations/script.py.mako" in {str(file) for file in files}
    # The console's templates and assets, and the docs pages' vendored assets (no CDN).
    assert {
        "gateway/console/templates/base.html",
        "gateway/console/static/console.js",
        "gateway/console/texts.json",
        "gateway/docs_assets/scalar/standalone.js",
        "gateway/docs_assets/swagger-ui/swagger-ui-bundle.js",
    } <= {str(file) for file in files}
    shipped_tests = [
        str(file)
        for file in files
        if {"testpki", "testkit", "tests"} & set(file.parts)
        or file.stem in {"samples", "seed", "hsm"}
    ]
    assert shipped_tests == []


def test_no_runtime_module_imports_development_code() -> None:
    sites = [
        site
        for package in RUNTIME_PACKAGES
        for site in import_sites(package)
        if any(within(site.module, name) for name in DEVELOPMENT_ONLY)
    ]
    assert [str(site) for site in sites if not site.guarded] == []
    # The one guarded import: gateway/cli.py adds the developer commands when testkit exists.
    assert [(site.path, site.module) for site in sites] == [("gateway/cli.py", "testkit.cli")]
