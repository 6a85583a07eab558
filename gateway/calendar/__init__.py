"""Public calendar endpoints."""
