"""S1 customs release: the declaration's format-and-logic control, registration numbering and
the risk-management system (corridor selection). The release flow itself builds on these."""
