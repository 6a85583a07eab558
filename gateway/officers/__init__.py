"""The officers' side of the gateway: who the caller is and what their role lets them do."""
