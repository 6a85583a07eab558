"""Officers of the provider: accounts with one role each, authenticated by a bearer token."""
