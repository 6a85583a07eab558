"""Checks an operator runs over the record itself (``qaqpa audit``)."""
