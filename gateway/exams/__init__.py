"""S2 exam sessions: the public schedule and the officers' exam actions."""
