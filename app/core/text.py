"""Put data text into HTML so it shows as typed, never as markup.

The one HTML escaping path: plotly's hover, label and title text (its own small HTML
subset) and the story briefing (a standalone HTML file, attributes included). Markdown is
app.core.md's job; neutralising spreadsheet formulas is app.data.exports' (a different
danger). Quotes become numeric entities because plotly decodes those but not "&quot;".
"""

from __future__ import annotations

_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


def html_text(value: object) -> str:
    """Text shown literally in HTML, inside an element or a quoted attribute ("" for None
    and NaN)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).translate(_ENTITIES)
