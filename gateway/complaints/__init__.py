"""Complaint routes: partners file and list them, heads and unit heads decide them."""
