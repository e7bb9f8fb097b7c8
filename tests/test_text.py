"""app.core.text.html_text: the one HTML escaping path (plotly text and the briefing)."""

from __future__ import annotations

import html
import math

from app.core.text import html_text


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
