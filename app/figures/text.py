"""Text inside plotly figures: data made inert for plotly's markup, long text wrapped.

plotly renders a few HTML tags in hover text, labels and titles, so every string that
comes from data (an imported roster names agencies) passes through app.core.text.html_text
or wrap().
"""

from __future__ import annotations

import textwrap
from typing import Final

from app.core.text import html_text

FONT: Final = "sans-serif"


def wrap(text: object, width: int = 28) -> str:
    """Escaped text broken into hover lines (CJK text has no spaces: break by length)."""
    raw = "" if text is None or text != text else str(text)
    lines = textwrap.wrap(raw, width=width, break_long_words=True) or [""]
    return "<br>".join(html_text(line) for line in lines)
