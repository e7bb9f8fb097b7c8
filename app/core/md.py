"""Put user text into Markdown so it shows as typed, never as markup.

The one escaping path for text from users or imported files (agency names, file names,
notes, owners, scenario names, error messages, SQL, URL values) wherever Streamlit reads
Markdown: st.markdown, captions, alerts, toasts, metric, widget and expander labels.

Streamlit parses that Markdown with remark (CommonMark and GFM, math, directives) and
then runs plugins over the parsed, *decoded* text, where an escape no longer shows. So
escaping takes two layers:

1. every ASCII punctuation character is escaped, so no syntax can start: no emphasis,
   link, image, code, raw HTML, heading, list, table, math (``$``), directive
   (``:red[...]``) or entity. ``& < >`` become entities (``&amp;`` ``&lt;`` ``&gt;``,
   readable in a downloaded .md file too), the rest get a backslash;
2. where a later plugin would match the decoded text, an invisible WORD JOINER (U+2060)
   goes in between: GFM's second autolink pass (``https://``, ``www.``, ``a@b.example``),
   emoji and icon short codes (``:smile:``, ``:material/home:``, ``:streamlit:``) and
   Streamlit's typographic arrows (``->``, ``<=``).

Blanks at the start and end of each line go: Markdown would not show them, but four
leading spaces would start a code block and two trailing ones a line break.
"""

from __future__ import annotations

import re
import string

WORD_JOINER = "\u2060"
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_EDGE_BLANKS = re.compile(r"^[ \t]+|[ \t]+$", re.MULTILINE)
# Where a plugin over decoded text would match: after ":" before what a URL's "//" or a
# short code goes on with, between "www" and ".", after "@" (e-mail), inside <- -> -- >=
# <= ~= (arrows).
_JOIN_AT = re.compile(
    r"(?<=:)(?=[A-Za-z0-9_+/-])|(?<=@)|(?<=www)(?=\.)|(?<=<)(?=-)|(?<=-)(?=[->])|(?<=[<>~])(?==)",
    re.IGNORECASE,
)


def escape(value: object) -> str:
    """Text shown literally inside Markdown ("" for None and NaN)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _EDGE_BLANKS.sub("", text)
    text = _JOIN_AT.sub(WORD_JOINER, text)
    return _PUNCTUATION.sub(lambda m: _ENTITIES.get(m[1], "\\" + m[1]), text)


def excerpt(value: object, limit: int = 40) -> str:
    """User text echoed back (a bad value, a file name, an error quoting SQL): one line of
    at most `limit` characters, then "…" where it was cut, so no value floods a page."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit] + "…"


def escape_values(values: dict[str, object]) -> dict[str, object]:
    """escape() every text value of a message's parameters (numbers stay numbers)."""
    return {k: escape(v) if isinstance(v, str) else v for k, v in values.items()}
