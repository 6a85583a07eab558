"""``make soak``: mixed traffic for a long while, watching memory and connection counts."""
