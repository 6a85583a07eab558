"""Partner-facing application endpoints: submit, read status, list, events."""
