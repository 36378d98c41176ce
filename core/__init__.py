"""Advocate's logic: pure Python, importable and testable without Streamlit."""
