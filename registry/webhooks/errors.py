"""Why a webhook request was refused (codes and kinds; the gateway maps them to problems)."""

from __future__ import annotations

from registry.errors import DomainError, Kind


class WebhookNotFoundError(DomainError):
    code = "webhook_not_found"
    kind = Kind.NOT_FOUND


class WebhookDeliveryNotFoundError(DomainError):
    code = "webhook_delivery_not_found"
    kind = Kind.NOT_FOUND


class WebhookUrlRefusedError(DomainError):
    """Not a URL the service may call: scheme, host, or an address it resolves to."""

    code = "webhook_url_refused"
    kind = Kind.INVALID


class WebhookEventUnknownError(DomainError):
    code = "webhook_event_unknown"
    kind = Kind.INVALID
