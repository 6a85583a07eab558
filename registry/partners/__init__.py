"""Partners (the portals that call the API) and their API keys."""
