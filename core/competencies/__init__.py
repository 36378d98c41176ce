"""Competencies: frameworks (built-in and the user's own) and the explained mapper."""
