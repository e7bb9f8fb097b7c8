"""app.core.text.html_text: the one HTML escaping path (plotly text and the briefing); legend
entries wrapped by display width."""

from __future__ import annotations

import html
import math

from app.core.text import html_text
from app.figures.text import legend_label


def test_markup_and_quotes_are_inert() -> None:
    hostile = """<img src=x onerror="alert('x')"> & <b>"""
    escaped = html_text(hostile)
    assert "<" not in escaped and ">" not in escaped and '"' not in escaped and "'" not in escaped
    assert html.unescape(escaped) == hostile  # the reader sees exactly what was typed


def test_quotes_are_numeric_entities_plotly_decodes() -> None:
    assert html_text("""Jiangsu's "model" """) == "Jiangsu&#39;s &#34;model&#34; "


def test_missing_values_are_empty() -> None:
    assert html_text(None) == "" and html_text(math.nan) == ""
    assert html_text(12) == "12" and html_text("江苏") == "江苏"


def test_a_long_legend_entry_is_wrapped_by_its_display_width() -> None:
    # the colour bar sits beside a map: an entry on one line takes the map's width
    en = legend_label("Model 1: top leaders push; general office coordinates (list not exhaustive)")
    zh = legend_label("模式一:党政主推、办公厅统筹(未尽列)")
    assert all(len(line) <= 26 for line in en.split("<br>")) and en.count("<br>") == 2
    assert all(len(line) <= 13 for line in zh.split("<br>")) and zh.count("<br>") == 1
    assert legend_label("Government general office") == "Government general office"
    assert legend_label("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
