"""Files in: bytes to raw tables, which column is which, dates, and the load report."""
