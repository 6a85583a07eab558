"""The test harness: a real PostgreSQL and a real Redis for the whole session.

Both run from ``scripts/stack.py`` (the code ``make run`` uses) in a temporary directory on
free ports, so a running local stack does not collide with the tests. The database is
migrated to head once; tests that need an empty table clean up after themselves.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from gateway.app import create_app
from registry.migrate import upgrade
from registry.settings import Settings
from scripts.stack import PostgresServer, RedisServer, free_port


@pytest.fixture(scope="session")
def stack_dir() -> Iterator[Path]:
    # Not pytest's tmp_path: that is private to root (0700), and PostgreSQL runs as 'postgres'.
    path = Path(tempfile.mkdtemp(prefix="qaqpa-test-stack-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server(stack_dir: Path) -> Iterator[PostgresServer]:
    server = PostgresServer(stack_dir / "pg" / "data", free_port(), durable=False)
    server.start()
    try:
        upgrade(server.url)
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def redis_server(stack_dir: Path) -> Iterator[RedisServer]:
    server = RedisServer(stack_dir / "redis", free_port(), persistent=False)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_url(postgres_server: PostgresServer) -> str:
    """SQLAlchemy URL (asyncpg) of the session's migrated database."""
    return postgres_server.url


@pytest.fixture(scope="session")
def redis_url(redis_server: RedisServer) -> str:
    return redis_server.url


@pytest.fixture(scope="session")
def settings(pg_url: str, redis_url: str) -> Settings:
    return Settings(
        env="test", database_url=pg_url, redis_url=redis_url, readiness_timeout_seconds=1.0
    )


@pytest.fixture(scope="session")
def app(settings: Settings) -> Litestar:
    return create_app(settings)


@pytest.fixture(scope="session")
async def client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """One client over the full app (lifespan run once) for the session."""
    async with AsyncTestClient(app=app) as test_client:
        yield test_client
