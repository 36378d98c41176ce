"""The one way pages show text that came from the user's files or typing.

Streamlit renders Markdown in st.markdown, captions, labels, help, tab and expander titles and
radio options, so a `![x](http://...)` in a quote would make the browser fetch an image.
Every such string goes through `md()` (tests/test_user_text_is_escaped.py checks pages/, ui/ and
app.py for it).
"""

from __future__ import annotations

import re

from core.text import inert, md_escape

# Streamlit's renderer (remark-gfm) also links bare URLs and e-mail addresses it finds in text
# *after* escapes are resolved, so backslashes cannot stop it: a zero-width space before a URL
# and after an "@" can (a link must follow a space or punctuation). Readers do not see it.
_BARE_LINK = re.compile(r"(?i)(?<![\w\u200b])(?=(?:https?|ftp|mailto)\\?[:.]|www\\?\.)|(?<=@)")
ZERO_WIDTH_SPACE = "\u200b"


def md(text: object) -> str:
    """User or file text as inert Markdown: shown literally, never a link, image, HTML or format."""
    return _BARE_LINK.sub(ZERO_WIDTH_SPACE, md_escape("" if text is None else str(text)))


__all__ = ["inert", "md"]
