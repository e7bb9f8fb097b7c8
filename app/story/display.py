"""How a slide is shown on a screen: its arrangement, one type scale, projector mode.

Projector mode fits a slide to one 16:9 screen: the app's chrome is hidden, the slide is
a column as tall as the window (the body between the title and the details strip takes
what is left, and its charts fill it), and every size follows one unit, the window's
height (or its width, when the window is narrower than 16:9), so a slide reads the same at
1280x720 and 1920x1080. Charts get the scale's small step in pixels: Plotly takes no CSS
units, so the page passes the window's size, which the browser reports (app.ui.clicker).
The CSS is static, never user text.
"""

from __future__ import annotations

from typing import Final, Literal

import plotly.graph_objects as go

from app.story.model import Slide

# One unit: 1% of a 16:9 window's height (720p: 7.2 px, 1080p: 10.8 px).
UNIT_CSS: Final = "min(1vh, 0.5625vw)"
# The type scale in units, with a floor for small windows: small (labels, notes, chart
# text), body (lead, points), value (a card's value), title.
SMALL: Final = (2.1, 15)
BODY: Final = (2.4, 17)
VALUE: Final = (4.0, 26)
TITLE: Final = (4.4, 30)
DEFAULT_SCREEN: Final = (1920, 1080)  # until the browser has said
MAX_POINTS_BESIDE: Final = 6  # more points than this (and many facts) go to the details strip
MANY_FACTS: Final = 4  # more facts than this make a slide dense: notes go to a tooltip


def _size(step: tuple[float, int]) -> str:
    units, floor = step
    return f"max({floor}px, calc({units} * var(--u)))"


# Both modes: a card's value is wrapped text in one size per slide (a metric would cut a
# long value off with an ellipsis), and the clicker's listener takes no room.
STORY_CSS: Final = """<style>
.st-key-story_remote { display: none !important; }
[class*="st-key-story_facts_"] [data-testid="stMarkdownContainer"] p {
  font-size: 1.9rem; line-height: 1.2; font-weight: 600; overflow-wrap: anywhere; }
.st-key-story_facts_names [data-testid="stMarkdownContainer"] p { font-size: 1.3rem; }
</style>"""

# a column of the slide's body (not the columns of its cards)
COLUMN: Final = (
    '.st-key-story_body > * > [data-testid="stHorizontalBlock"] > [data-testid="stColumn"]'
    ' > [data-testid="stVerticalBlock"]'
)
PRESENTATION_CSS: Final = f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stAppToolbar"] {{ display: none !important; }}
[data-testid="stMain"] {{ --u: {UNIT_CSS}; }}
[data-testid="stMainBlockContainer"] {{
  max-width: 100% !important; padding: calc(1.6 * var(--u)) calc(3.2 * var(--u)) !important; }}
/* the slide: one column as tall as the window, whose body takes the room the rest leaves
(its last part, the charts, fills it); what follows the slide (the footer) is hidden */
[data-testid="stLayoutWrapper"]:has(> .st-key-story_slide) {{
  height: calc(100vh - 3.2 * var(--u)); }}
.st-key-story_slide {{ height: 100%; flex-wrap: nowrap; gap: calc(1.2 * var(--u)) !important; }}
.st-key-story_slide > *, .st-key-story_body > *, {COLUMN} > * {{ flex-shrink: 0 !important; }}
.st-key-story_slide > :has(> .st-key-story_body), .st-key-story_body > :last-child,
{COLUMN} > :last-child {{ flex: 1 1 0 !important; min-height: 0; }}
.st-key-story_body, {COLUMN} {{ height: 100%; flex-wrap: nowrap; }}
.st-key-story_body > * > [data-testid="stHorizontalBlock"] {{ height: 100%; }}
[data-testid="stMainBlockContainer"] > div > :has(.st-key-story_slide) ~ * {{
  display: none !important; }}
.st-key-story_slide p, .st-key-story_slide li {{
  font-size: {_size(BODY)} !important; line-height: 1.4 !important; }}
.st-key-story_slide h2 {{ font-size: {_size(TITLE)} !important; padding: 0 0 1rem !important;
  line-height: 1.2 !important; }}
.st-key-story_slide [data-testid="stCaptionContainer"] p, .st-key-story_nav p,
.st-key-story_details p {{
  font-size: {_size(SMALL)} !important; line-height: 1.35 !important; }}
[class*="st-key-story_facts_"] [data-testid="stMarkdownContainer"] p {{
  font-size: {_size(VALUE)} !important; line-height: 1.15 !important; }}
.st-key-story_facts_names [data-testid="stMarkdownContainer"] p {{
  font-size: {_size(BODY)} !important; line-height: 1.3 !important; }}
[class*="st-key-story_card_"] {{ padding: calc(1.1 * var(--u)) calc(1.6 * var(--u)) !important;
  gap: calc(0.5 * var(--u)) !important; }}
[class*="st-key-story_facts_"] {{ gap: calc(1 * var(--u)) !important; }}
.st-key-story_slide [data-testid="stAlertContainer"] {{
  padding: calc(0.8 * var(--u)) calc(1.6 * var(--u)) !important; }}
.st-key-story_details {{ flex-wrap: nowrap !important; }}
.st-key-story_details > :last-child {{ flex: 1 1 0 !important; min-width: 0; }}
.st-key-story_details p {{ margin-bottom: 0 !important; }}
.st-key-story_nav button {{ min-height: 0 !important; padding: 0.1rem 0.6rem !important; }}
</style>"""

Arrangement = Literal["map", "one_chart", "charts"]


def arrangement(slide: Slide) -> Arrangement:
    """map: charts beside facts and points; one_chart: facts, then points beside the chart;
    charts: facts, points, then the charts side by side."""
    if any(c.is_map for c in slide.charts):
        return "map"
    return "one_chart" if len(slide.charts) == 1 else "charts"


def dense(slide: Slide) -> bool:
    """Many facts: on a projector their notes go to a tooltip."""
    return len(slide.facts) > MANY_FACTS


def points_aside(slide: Slide) -> bool:
    """On a projector, the points go to the details strip when the slide is dense or they
    are many (slide 5's readings of its eight measures)."""
    return bool(slide.points) and (dense(slide) or len(slide.points) > MAX_POINTS_BESIDE)


def cells(text: str) -> int:
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


SHORT_VALUE: Final = 14  # display cells (a CJK character takes two): fits a card in large type


def is_short(value: str) -> bool:
    """Short enough for a card's large type; a longer value (a name) is set smaller."""
    return cells(value) <= SHORT_VALUE


def all_short(slide: Slide) -> bool:
    """A slide's cards share one value size: large only when every value is short."""
    return all(is_short(f.value) for f in slide.facts)


def unit(screen: tuple[int, int] | None) -> float:
    """The CSS unit above in pixels for a window (width, height)."""
    width, height = screen or DEFAULT_SCREEN
    return min(height, width * 9 / 16) / 100


def chart_font(screen: tuple[int, int] | None) -> int:
    """The scale's small step in pixels: the type of every chart and map on a projector."""
    units, floor = SMALL
    return round(max(floor, units * unit(screen)))


def for_projector(fig: go.Figure, font: int, legend_beside: bool = False) -> go.Figure:
    """A copy of fig whose text is `font` px (cached figures are never changed): axes,
    legends, colour bars, bar labels, a map's names and notes. Its height is the page's (the
    chart fills the slide's body). legend_beside: a bar
    chart's legend goes to its right, one entry a line (for charts side by side, where a
    legend above would take the chart's height)."""
    out = go.Figure(fig)
    out.update_layout(font={"size": font}, legend={"font": {"size": font}})
    if out.layout.title and out.layout.title.text:
        out.update_layout(title_font_size=font)
    for trace in out.data:
        if trace.type == "bar" or (trace.type == "scattergeo" and "text" in (trace.mode or "")):
            trace.textfont.size = font  # bar labels, a map's names
        elif trace.type == "choropleth":
            trace.colorbar.title.font.size = font
            trace.colorbar.tickfont.size = font
    if any(t.type == "scattergeo" and t.showlegend for t in out.data):
        # a map's marker legend goes above the map: in the larger type it would run into
        # the colour bar's title beside the map
        out.update_layout(
            legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "bottom"}
        )
    for note in out.layout.annotations:  # a map's credit, and any name set as a note
        note.font.size = font
    if any(trace.type == "bar" for trace in out.data):
        if legend_beside:
            out.update_layout(
                legend={  # against the plot, not the container (a chart's top legend is)
                    "orientation": "v",
                    "x": 1.02,
                    "xanchor": "left",
                    "y": 1,
                    "yanchor": "top",
                    "yref": "paper",
                },
                margin={"t": 10},
            )
        out.update_xaxes(automargin=True, title_font_size=font, tickfont_size=font)
        out.update_yaxes(automargin=True, title_font_size=font, tickfont_size=font)
    return out
