"""The Journal page's tabs, one module each; common.py holds what they share."""
