"""The public service catalogue."""
