"""Partners read their own applications: status with ETag/304, pages, events as JSON and SSE."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import GENESIS_HASH
from tests.applications.conftest import Stored
from tests.applications.stored import new_application, store
from tests.conftest import PartnerKey

Client = AsyncTestClient[Litestar]
MakePartner = Callable[..., Awaitable[PartnerKey]]


async def test_status_has_an_etag_and_answers_304(client: Client, stored: Stored) -> None:
    partner, new = stored
    first = await client.get(f"/v1/applications/{new.id}", headers=partner.headers)
    assert first.status_code == 200
    body = first.json()
    assert body["id"] == str(new.id)
    assert body["status"] == "received"
    assert body["applicant"] == {"name": "Әлия Қасымова", "iin": "871008401427"}
    assert [e["kind"] for e in body["last_events"]] == ["received"]
    etag = first.headers["etag"]
    again = await client.get(
        f"/v1/applications/{new.id}", headers={**partner.headers, "If-None-Match": etag}
    )
    assert again.status_code == 304
    assert again.content == b""
    stale = await client.get(
        f"/v1/applications/{new.id}", headers={**partner.headers, "If-None-Match": '"other"'}
    )
    assert stale.status_code == 200
    assert stale.headers["etag"] == etag
    # RFC 9110: If-None-Match compares weakly, and may list several tags (issue 20).
    weak = await client.get(
        f"/v1/applications/{new.id}",
        headers={**partner.headers, "If-None-Match": f'"other", W/{etag}'},
    )
    assert weak.status_code == 304


async def test_every_moment_in_a_response_is_utc_with_z(
    client: Client, sessions: async_sessionmaker[AsyncSession], make_partner: MakePartner
) -> None:
    partner = await make_partner()
    new = new_application(partner.id)
    await store(sessions, new)
    status = (await client.get(f"/v1/applications/{new.id}", headers=partner.headers)).json()
    events = await client.get(f"/v1/applications/{new.id}/events", headers=partner.headers)
    moments = _moments(status) + _moments(events.json())
    assert any("registration_due_at" in path for path, _ in moments)
    assert len(moments) > 4
    for path, moment in moments:
        assert moment.endswith("Z"), f"{path}: {moment}"


def _moments(value: object, path: str = "") -> list[tuple[str, str]]:
    """Every ISO moment (a date and a time) in a JSON value, with where it is."""
    if isinstance(value, dict):
        return [m for key, item in value.items() for m in _moments(item, f"{path}/{key}")]
    if isinstance(value, list):
        return [m for index, item in enumerate(value) for m in _moments(item, f"{path}/{index}")]
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", value):
        return [(path, value)]
    return []


async def test_another_partners_application_is_not_found(
    client: Client, sessions: async_sessionmaker[AsyncSession], make_partner: MakePartner
) -> None:
    owner, stranger = await make_partner("Owner"), await make_partner("Stranger")
    new = new_application(owner.id)
    await store(sessions, new)
    # Once from the database, once from the cache the owner's read fills.
    for _ in range(2):
        response = await client.get(f"/v1/applications/{new.id}", headers=stranger.headers)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
        await client.get(f"/v1/applications/{new.id}", headers=owner.headers)
    events = await client.get(f"/v1/applications/{new.id}/events", headers=stranger.headers)
    assert events.status_code == 404
    listed = await client.get("/v1/applications", headers=stranger.headers)
    assert str(new.id) not in listed.text


async def test_authentication_and_scopes(
    client: Client, sessions: async_sessionmaker[AsyncSession], make_partner: MakePartner
) -> None:
    submit_only = await make_partner(scopes=("submit",))
    missing = await client.get("/v1/applications")
    assert missing.status_code == 401
    assert missing.json()["code"] == "unauthorized"
    assert missing.headers["www-authenticate"].startswith("Bearer")
    wrong = await client.get("/v1/applications", headers={"Authorization": "Bearer qk_nope"})
    assert wrong.status_code == 401
    forbidden = await client.get("/v1/applications", headers=submit_only.headers)
    assert forbidden.status_code == 403
    assert forbidden.json()["code"] == "forbidden"


async def test_list_pages_with_a_cursor_and_filters(
    client: Client, sessions: async_sessionmaker[AsyncSession], make_partner: MakePartner
) -> None:
    partner = await make_partner()
    stored = []
    for service in ("declarant-certificate", "pm-import-act", "declarant-certificate"):
        new = new_application(partner.id, service)
        await store(sessions, new)
        stored.append(str(new.id))
    page = (await client.get("/v1/applications?limit=2", headers=partner.headers)).json()
    assert [item["id"] for item in page["items"]] == stored[::-1][:2]
    rest = (
        await client.get(
            f"/v1/applications?limit=2&cursor={page['next_cursor']}", headers=partner.headers
        )
    ).json()
    assert [item["id"] for item in rest["items"]] == [stored[0]]
    assert rest["next_cursor"] is None
    filtered = (
        await client.get("/v1/applications?service=pm-import-act", headers=partner.headers)
    ).json()
    assert [item["id"] for item in filtered["items"]] == [stored[1]]
    bad = await client.get("/v1/applications?cursor=garbage", headers=partner.headers)
    assert bad.status_code == 400
    too_many = await client.get("/v1/applications?limit=1000", headers=partner.headers)
    assert too_many.status_code == 400
    assert too_many.json()["code"] == "validation_error"


async def test_events_as_json_and_as_a_server_sent_event_stream(
    client: Client, stored: Stored
) -> None:
    partner, new = stored
    url = f"/v1/applications/{new.id}/events"
    events = (await client.get(url, headers=partner.headers)).json()
    assert [(e["seq"], e["kind"]) for e in events] == [(1, "received")]
    assert len(events[0]["hash"]) == 64 and events[0]["hash"] != GENESIS_HASH
    stream = await client.get(url, headers={**partner.headers, "Accept": "text/event-stream"})
    assert stream.status_code == 200
    assert stream.headers["content-type"].startswith("text/event-stream")
    assert "event: received" in stream.text
    assert "id: 1" in stream.text
    assert events[0]["hash"] in stream.text
    resumed = await client.get(
        url, headers={**partner.headers, "Accept": "text/event-stream", "Last-Event-ID": "1"}
    )
    assert "event: received" not in resumed.text
