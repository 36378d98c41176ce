"""Writing: the self-evaluation draft and everything exported from it."""
