"""Text inside plotly figures: data made inert for plotly's markup, long text wrapped.

plotly renders a few HTML tags in hover text, labels and titles, so every string that
comes from data (an imported roster names agencies) passes through esc() or wrap().
"""

from __future__ import annotations

import html
import textwrap
from typing import Final

FONT: Final = "sans-serif"


def esc(text: object) -> str:
    """Data text made inert for plotly's hover/label markup."""
    return html.escape("" if text is None or text != text else str(text), quote=False)


def wrap(text: object, width: int = 28) -> str:
    """Escaped text broken into hover lines (CJK text has no spaces: break by length)."""
    raw = "" if text is None or text != text else str(text)
    lines = textwrap.wrap(raw, width=width, break_long_words=True) or [""]
    return "<br>".join(esc(line) for line in lines)
