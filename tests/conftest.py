"""The test harness: a real PostgreSQL and a real Redis for the whole session.

Both run from ``scripts/stack.py`` (the code ``make run`` uses) in a temporary directory on
free ports, so a running local stack does not collide with the tests. The database is
migrated to head once; tests that need an empty table clean up after themselves.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import msgspec
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.app import create_app
from registry.db import create_engine, session_factory
from registry.domains import install as install_services
from registry.migrate import upgrade
from registry.partners.repository import create_partner
from registry.resources import Resources, open_resources
from registry.settings import Settings
from scripts.stack import PostgresServer, RedisServer, free_port
from signing.keys import Keystore
from testkit.hsm import SoftHsm
from testkit.keystore import local_keystore_config
from testkit.pki.officers import init_provider_hsm
from testkit.pki.server import BuiltPki, TestPkiServer
from testkit.seed import load_seed


def pytest_configure(config: pytest.Config) -> None:
    install_services()  # as the gateway and the worker do at start; tests call the engine too


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
        load_seed(server.url)  # the local state database knows the test PKI identities
        yield server
    finally:
        server.stop()


@contextmanager
def scratch_redis(directory: Path) -> Iterator[RedisServer]:
    """A Redis that keeps nothing on disk, on a free loopback port, for the block."""
    server = RedisServer(directory / "redis", free_port(), persistent=False)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def redis_server(stack_dir: Path) -> Iterator[RedisServer]:
    with scratch_redis(stack_dir) as server:
        yield server


@pytest.fixture(scope="session")
def pg_url(postgres_server: PostgresServer) -> str:
    """SQLAlchemy URL (asyncpg) of the session's migrated database."""
    return postgres_server.url


@pytest.fixture(scope="session")
def redis_url(redis_server: RedisServer) -> str:
    return redis_server.url


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[Redis]:
    """A client of the harness's Redis, closed after the test."""
    client: Redis = Redis.from_url(redis_url)
    try:
        yield client
    finally:
        await client.aclose()


@pytest.fixture(scope="session")
def pki(stack_dir: Path) -> Iterator[BuiltPki]:
    """The NCA-shaped test PKI (certomancer), CRL/OCSP/TSA served on 127.0.0.1."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = TestPkiServer(stack_dir / "pki")
    built = server.start()
    try:
        yield built
    finally:
        server.stop()


@pytest.fixture(scope="session")
def settings(pg_url: str, redis_url: str, pki: BuiltPki) -> Settings:
    return Settings(
        env="test",
        database_url=pg_url,
        redis_url=redis_url,
        trust_anchors=str(pki.trust_dir),
        intermediates=str(pki.intermediates_file),
        readiness_timeout_seconds=1.0,
        sse_max_seconds=0.0,  # event streams end after their backlog
        tsa_url=pki.tsa_url(),  # the worker's result signatures (B-LT)
        # Every test client is one address ("testclient"); tests/applications/test_rate_limit.py
        # checks the public limit itself, tests/gateway/test_limits.py the one on every route.
        public_rate_limit="100000/minute",
        client_rate_limit="1000000/minute",
        auth_failure_rate_limit="1000000/minute",
    )


@pytest.fixture(scope="session")
def provider_hsm(pki: BuiltPki, stack_dir: Path) -> SoftHsm:
    """SoftHSM2 token of this test process with the provider officers' keys (SOFTHSM2_CONF set).

    SoftHSM2 reads its configuration once per process: a worker subprocess gets a token
    directory of its own (:func:`worker_keystore_env`).
    """
    hsm = init_provider_hsm(pki, stack_dir / "softhsm")
    hsm.activate()
    return hsm


@pytest.fixture(scope="session")
def keystore(pki: BuiltPki, provider_hsm: SoftHsm) -> Iterator[Keystore]:
    """The provider officers' keys on the token, plus the system key (role ``system``)."""
    with Keystore.open(local_keystore_config(pki.directory, provider_hsm)) as store:
        yield store


@pytest.fixture(scope="session")
def worker_keystore_env(pki: BuiltPki, stack_dir: Path) -> dict[str, str]:
    """Environment of a worker subprocess that signs: its own SoftHSM2 token and QAQPA_KEYSTORE."""
    hsm = init_provider_hsm(pki, stack_dir / "softhsm-worker")
    config = msgspec.structs.replace(local_keystore_config(pki.directory, hsm), pin=None)
    return {
        **hsm.env(),
        "QAQPA_KEYSTORE": json.dumps(msgspec.to_builtins(config)),
        "QAQPA_PKCS11_PIN": hsm.pin,
    }


@pytest.fixture(scope="session")
async def sessions(pg_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(pg_url, pool_size=5)
    try:
        yield session_factory(engine)
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
async def resources(settings: Settings) -> AsyncIterator[Resources]:
    """What a worker's start-up opens, for calling jobs directly (``{"resources": ...}``)."""
    async with open_resources(settings) as opened:
        yield opened


class PartnerKey(NamedTuple):
    id: uuid.UUID
    api_key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}


@pytest.fixture
def make_partner(
    sessions: async_sessionmaker[AsyncSession],
) -> Callable[..., Awaitable[PartnerKey]]:
    """Create a partner in the database; returns its id and API key."""

    async def make(
        name: str = "Test portal", scopes: tuple[str, ...] = ("submit", "read")
    ) -> PartnerKey:
        async with sessions() as session, session.begin():
            partner, api_key = await create_partner(session, name, list(scopes))
        return PartnerKey(partner.id, api_key)

    return make


@pytest.fixture(scope="session")
def app(settings: Settings) -> Litestar:
    return create_app(settings)


@pytest.fixture(scope="session")
async def client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """One client over the full app (lifespan run once) for the session."""
    async with AsyncTestClient(app=app) as test_client:
        yield test_client
