"""The one way pages show text that came from the user's files or typing.

Streamlit renders Markdown in st.markdown, captions, labels, help, tab and expander titles and
selectbox options, so a `![x](http://...)` in a quote would make the browser fetch an image.
Every such string goes through `md()` (an AST test over pages/ and ui/ enforces it).
"""

from __future__ import annotations

from core.text import inert, md_escape


def md(text: object) -> str:
    """User or file text as inert Markdown: shown literally, never a link, image, HTML or format."""
    return md_escape("" if text is None else str(text))


__all__ = ["inert", "md"]
