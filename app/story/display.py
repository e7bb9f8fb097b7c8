"""How a slide is shown on a screen: its arrangement, short values, projector mode.

Projector mode hides the app's chrome and enlarges type and charts; the CSS is static,
never user text.
"""

from __future__ import annotations

from typing import Final, Literal

import plotly.graph_objects as go

from app.story.model import Slide

PRESENTATION_CSS: Final = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stAppToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] {
  max-width: 100% !important; padding: 1.5rem 3rem !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li {
  font-size: 1.55rem !important; line-height: 1.45 !important; }
[data-testid="stMain"] h1 { font-size: 3.2rem !important; }
[data-testid="stMain"] h2 { font-size: 3.2rem !important; }
[data-testid="stMain"] h3 { font-size: 2.2rem !important; }
[data-testid="stMain"] [data-testid="stMetricValue"],
[data-testid="stMain"] [data-testid="stMetricValue"] * {
  font-size: 3rem !important; line-height: 1.2 !important; }
[data-testid="stMetricLabel"] p { font-size: 1.35rem !important; }
[data-testid="stCaptionContainer"] p { font-size: 1.2rem !important; }
</style>"""
PROJECTOR_SCALE: Final = 1.35
PROJECTOR_FONT: Final = 18
SHORT_VALUE: Final = 10  # display cells (a CJK character takes two); longer values are names

Arrangement = Literal["map", "one_chart", "charts"]


def arrangement(slide: Slide) -> Arrangement:
    """map: charts beside facts and points; one_chart: facts, then points beside the chart;
    charts: facts, points, then the charts side by side."""
    if any(c.is_map for c in slide.charts):
        return "map"
    return "one_chart" if len(slide.charts) == 1 else "charts"


def cells(text: str) -> int:
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def is_short(value: str) -> bool:
    """Short enough for a metric; a longer value (a name) is shown as wrapped text."""
    return cells(value) <= SHORT_VALUE


def for_projector(fig: go.Figure, scale: float = PROJECTOR_SCALE) -> go.Figure:
    """A copy of fig, taller; charts also get larger type (cached figures are never changed).

    A map keeps its type size: a larger colour-bar legend would take the map's width."""
    out = go.Figure(fig)
    height = out.layout.height or 450
    out.update_layout(height=int(height * scale))
    if any(trace.type == "bar" for trace in out.data):
        out.update_layout(font={"size": PROJECTOR_FONT})
        out.update_xaxes(automargin=True)  # room for the larger axis labels
        out.update_yaxes(automargin=True)
    return out
