"""S1 customs release (000, 002): control, numbering, risk, duties, release decisions."""
