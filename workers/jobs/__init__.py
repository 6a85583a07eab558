"""arq job functions, one module per concern."""
