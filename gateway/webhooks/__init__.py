"""``/v1/webhooks``: partners register endpoints that are told of their applications' events."""
