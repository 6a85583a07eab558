"""Helpers of the officer tests: the ``qaqpa`` CLI against the session's database.

``qaqpa`` runs the real executable (what other tools parse); ``cli`` runs the same commands in
this process (in a thread, since they start their own event loop), which is much faster.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gateway.cli import main
from registry.settings import Settings

QAQPA = str(Path(sys.executable).with_name("qaqpa"))
Qaqpa = Callable[..., subprocess.CompletedProcess[str]]
Cli = Callable[..., Awaitable[Result]]


def _environment(settings: Settings, extra: dict[str, str] | None) -> dict[str, str]:
    return {"QAQPA_DATABASE_URL": settings.database_url, "QAQPA_TEST_PKI": "0", **(extra or {})}


@pytest.fixture
def qaqpa(settings: Settings) -> Qaqpa:
    """Run ``qaqpa ARGS`` in a subprocess (``env`` adds variables); stdout and stderr apart."""

    def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [QAQPA, *args], env={**os.environ, **_environment(settings, env)},
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip

    return run


@pytest.fixture
def cli(settings: Settings) -> Cli:
    """Run ``qaqpa ARGS`` in this process; ``result.stdout`` holds stdout only."""

    async def run(*args: str, env: dict[str, str] | None = None) -> Result:
        runner = CliRunner()
        return await asyncio.to_thread(
            runner.invoke, main, list(args), env=_environment(settings, env)
        )

    return run
