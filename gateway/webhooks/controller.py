"""``/v1/webhooks``: register, list, delete endpoints; rotate secrets; see and redeliver.

Scope ``read``: a webhook only tells a partner what it could read anyway. An endpoint of
another partner is 404 ``webhook_not_found``, as if it did not exist. The domain is in
registry/webhooks/; deliveries are signed per Standard Webhooks (docs/SECURITY.md).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

import msgspec
from litestar import Controller, delete, get, post
from litestar.params import Body, FromPath, QueryParameter

from gateway.auth import require_scope
from gateway.dependencies import PARTNER_DEPENDENCY, Partner, SharedResources
from registry.webhooks import deliveries, endpoints
from registry.webhooks.deliveries import DeliveryStatus, DeliveryView
from registry.webhooks.endpoints import WebhookView, WebhookWithSecret
from registry.webhooks.events import EVENT_TYPES

# For the document only (``extra_json_schema``): the registration checks them and answers 422
# (``webhook_url_refused``, ``webhook_event_unknown``), as before; a client generated from the
# document knows the event types and the URL's form (issue 17, `make fuzz`).
URL_FORM = r"^https://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(/[A-Za-z0-9._~-]*)*$"
EventType = Annotated[str, msgspec.Meta(extra_json_schema={"enum": list(EVENT_TYPES)})]


class WebhookRequest(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """An endpoint to register: its URL and the event types it wants."""

    url: Annotated[
        str,
        msgspec.Meta(
            min_length=1, max_length=2048, extra_json_schema={"extra": {"pattern": URL_FORM}}
        ),
    ]
    events: Annotated[list[EventType], msgspec.Meta(min_length=1, max_length=32)]


class WebhookController(Controller):
    path = "/v1/webhooks"
    tags = ["webhooks"]
    dependencies = PARTNER_DEPENDENCY
    guards = [require_scope("read")]

    @post(
        "/",
        summary="Register a webhook endpoint",
        description=(
            "201 with the endpoint and its signing secret (`whsec_…`), shown only here and on "
            "rotation. Deliveries follow Standard Webhooks: headers `webhook-id`, "
            "`webhook-timestamp` and `webhook-signature` (`v1,<base64 HMAC-SHA256 of "
            "id.timestamp.body>`). Event types: `application.status_changed`, "
            "`application.document_issued`, `complaint.decided`, `customs.payment_required`, "
            "`customs.payment_received`, `application.agency_answers_awaited`. Only https:// "
            "URLs to public addresses in production (422 `webhook_url_refused`)."
        ),
        status_code=201,
    )
    async def register(
        self,
        resources: SharedResources,
        partner: Partner,
        data: Annotated[WebhookRequest, Body(title="Webhook")],
    ) -> WebhookWithSecret:
        async with resources.sessions() as session, session.begin():
            return await endpoints.register(
                session, resources.settings, partner.id, data.url, data.events, _now()
            )

    @get("/", summary="The partner's webhook endpoints")
    async def list_webhooks(
        self, resources: SharedResources, partner: Partner
    ) -> list[WebhookView]:
        async with resources.sessions() as session:
            return await endpoints.partner_endpoints(session, partner.id, _now())

    @get("/{webhook_id:uuid}", summary="One webhook endpoint")
    async def get_webhook(
        self, resources: SharedResources, partner: Partner, webhook_id: FromPath[uuid.UUID]
    ) -> WebhookView:
        async with resources.sessions() as session:
            return endpoints.view(await endpoints.owned(session, partner.id, webhook_id), _now())

    @delete("/{webhook_id:uuid}", summary="Delete a webhook endpoint (deliveries stop)")
    async def delete_webhook(
        self, resources: SharedResources, partner: Partner, webhook_id: FromPath[uuid.UUID]
    ) -> None:
        async with resources.sessions() as session, session.begin():
            await endpoints.delete(session, partner.id, webhook_id, _now())

    @post(
        "/{webhook_id:uuid}/rotate-secret",
        summary="Replace the signing secret",
        description=(
            "200 with the new secret, shown once. The old secret keeps signing beside it for "
            "`QAQPA_WEBHOOK_SECRET_GRACE_SECONDS` (deliveries carry both signatures)."
        ),
        status_code=200,
    )
    async def rotate_secret(
        self, resources: SharedResources, partner: Partner, webhook_id: FromPath[uuid.UUID]
    ) -> WebhookWithSecret:
        async with resources.sessions() as session, session.begin():
            return await endpoints.rotate_secret(
                session, resources.settings, partner.id, webhook_id, _now()
            )

    @get("/{webhook_id:uuid}/deliveries", summary="The endpoint's deliveries, newest first")
    async def list_deliveries(
        self,
        resources: SharedResources,
        partner: Partner,
        webhook_id: FromPath[uuid.UUID],
        status: Annotated[DeliveryStatus | None, QueryParameter()] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=500)] = 100,
    ) -> list[DeliveryView]:
        async with resources.sessions() as session:
            return await deliveries.endpoint_deliveries(
                session, partner.id, webhook_id, status, limit
            )

    @post(
        "/{webhook_id:uuid}/deliveries/{delivery_id:uuid}/redeliver",
        summary="Deliver again (same webhook-id, a fresh retry window)",
        status_code=202,
    )
    async def redeliver(
        self,
        resources: SharedResources,
        partner: Partner,
        webhook_id: FromPath[uuid.UUID],
        delivery_id: FromPath[uuid.UUID],
    ) -> DeliveryView:
        async with resources.sessions() as session, session.begin():
            return await deliveries.redeliver(session, partner.id, webhook_id, delivery_id, _now())


def _now() -> datetime:
    return datetime.now(UTC)
