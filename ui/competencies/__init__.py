"""The Competencies page's sections, one module each; common.py holds what they share."""
