"""Applicants' apps: read one application with its status token (``/v1/status/...``)."""
