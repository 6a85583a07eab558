"""``make fuzz``: schemathesis against the local stack (issue 17)."""
