"""S1 customs release: the gateway side (risk administration, release flow endpoints)."""
