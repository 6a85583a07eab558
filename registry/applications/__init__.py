"""Applications: intake in one transaction, the event chain, and the views partners read."""
