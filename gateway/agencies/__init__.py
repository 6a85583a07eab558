"""``/v1/agency``: export-control agencies and the foreign ministry answer S8 requests."""
