"""Text inside plotly figures: data made inert for plotly's markup, long text wrapped.

plotly renders a few HTML tags in hover text, labels and titles, so every string that
comes from data (an imported roster names agencies) passes through app.core.text.html_text
or wrap().
"""

from __future__ import annotations

import textwrap
import unicodedata
from typing import Final

from app.core.text import html_text

FONT: Final = "sans-serif"


def wrap(text: object, width: int = 28) -> str:
    """Escaped text broken into hover lines (CJK text has no spaces: break by length)."""
    raw = "" if text is None or text != text else str(text)
    lines = textwrap.wrap(raw, width=width, break_long_words=True) or [""]
    return "<br>".join(html_text(line) for line in lines)


def legend_label(text: object, columns: int = 26) -> str:
    """A legend entry wrapped to about `columns` Latin letters: a CJK character is as wide
    as two, so Chinese breaks after half as many. A long entry must not take the width a
    map needs (the colour bar sits beside it)."""
    raw = "" if text is None or text != text else str(text)
    wide = sum(unicodedata.east_asian_width(ch) in "WF" for ch in raw)
    return wrap(raw, columns // 2 if wide * 2 > len(raw) else columns)
