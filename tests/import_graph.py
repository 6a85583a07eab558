"""Who imports what, read from the source with ``ast`` (nothing is imported).

Tests of the package boundaries walk every ``import`` statement of a package with
:func:`import_sites`, including those inside functions, where the CLI imports lazily.  What an
import pulls in when it runs (lazy loaders, names resolved on first use) is
:func:`modules_loaded_by`, in a fresh interpreter.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_PACKAGES = ("gateway", "signing", "registry", "workers")
_IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError"}


@dataclass(frozen=True)
class ImportSite:
    """One module imported by one statement: ``from signing import Verifier`` is
    module ``signing``, names ``("Verifier",)``; ``import a.b`` is module ``a.b``, no names."""

    path: str  # relative to the repository root
    line: int
    module: str
    names: tuple[str, ...]
    guarded: bool  # inside ``try`` with an ``except ImportError`` (or ModuleNotFoundError)

    def __str__(self) -> str:
        names = f" ({', '.join(self.names)})" if self.names else ""
        return f"{self.path}:{self.line}: {self.module}{names}"


def _catches_import_error(node: ast.Try) -> bool:
    for handler in node.handlers:
        caught = handler.type
        kinds = caught.elts if isinstance(caught, ast.Tuple) else [caught]
        if any(isinstance(kind, ast.Name) and kind.id in _IMPORT_ERRORS for kind in kinds):
            return True
    return False


def _package_of(path: Path) -> list[str]:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return parts if path.name == "__init__.py" else parts[:-1]


class _Collector(ast.NodeVisitor):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.relative = str(path.relative_to(ROOT))
        self.guards = 0
        self.sites: list[ImportSite] = []

    def visit_Try(self, node: ast.Try) -> None:
        guarding = _catches_import_error(node)
        self.guards += guarding
        for statement in node.body:
            self.visit(statement)
        self.guards -= guarding
        for rest in (*node.handlers, *node.orelse, *node.finalbody):
            self.visit(rest)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(node, alias.name, ())

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level:  # relative: resolve against this module's package
            package = _package_of(self.path)
            base = package[: len(package) - node.level + 1]
            module = ".".join([*base, module] if module else base)
        self._add(node, module, tuple(alias.name for alias in node.names))

    def _add(self, node: ast.stmt, module: str, names: tuple[str, ...]) -> None:
        self.sites.append(ImportSite(self.relative, node.lineno, module, names, self.guards > 0))


def import_sites(package: str) -> Iterator[ImportSite]:
    """Every import in every module of ``package`` (a top-level folder of the repository)."""
    for path in sorted((ROOT / package).rglob("*.py")):
        collector = _Collector(path)
        collector.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        yield from collector.sites


def within(module: str, package: str) -> bool:
    """``module`` is ``package`` or one of its submodules."""
    return module == package or module.startswith(f"{package}.")


def modules_loaded_by(statement: str) -> set[str]:
    """The modules a fresh interpreter holds once it has run ``statement``."""
    code = f"{statement}\nimport sys\nprint(*sys.modules, sep='\\n')"
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(ran.stdout.split())
