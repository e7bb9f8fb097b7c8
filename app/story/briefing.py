"""The story as one self-contained HTML briefing that opens with no network.

plotly.js is embedded once in the head; every chart is a plotly div drawn from its figure
JSON. The app's maps reference their boundaries by URL (static/geo) and plotly.js asks
for a base topojson (static/world_110m.json): here the boundaries are put into each
figure, and the base topojson is registered in window.PlotlyGeoAssets before plotly.js
loads, so plotly.js finds it and fetches nothing. A Content-Security-Policy forbids every
network request anyway. All text goes through app.core.text.html_text: data never becomes markup.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Final

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from app.core import dates
from app.core.chinese import quotation
from app.core.text import html_text
from app.figures import geo
from app.story.model import Slide, Translator
from app.story.since import since_html

BASE_TOPOJSON: Final = geo.STATIC_DIR / "world_110m.json"
TOPOJSON_NAMES: Final = ("world_110m", "world_50m")  # what plotly.js looks up for a world map
CHART_CONFIG: Final = {
    "displaylogo": False,
    "scrollZoom": False,
    "responsive": True,
    "topojsonURL": "./",  # never used: the base topojson is preloaded (see above)
}
CSP: Final = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'"
)
STYLE: Final = """
body { font-family: sans-serif; margin: 0 auto; max-width: 1100px; padding: 1.5rem; color: #111; }
header { border-bottom: 2px solid #333; margin-bottom: 1.5rem; }
section.slide { border: 1px solid #ccc; border-radius: 8px; padding: 1rem 1.5rem; margin: 1.5rem 0;
  page-break-inside: avoid; }
h2 { margin-top: 0.2rem; }
.lead { font-size: 1.15rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 0.6rem;
  margin: 0.8rem 0; }
.fact { border: 1px solid #ddd; border-radius: 6px; padding: 0.5rem 0.7rem; }
.fact .label { font-size: 0.85rem; color: #444; }
.fact .value { font-size: 1.6rem; font-weight: bold; }
.fact .note, .since .note { font-size: 0.8rem; color: #555; }
.notice { background: #fff6db; border-left: 4px solid #e69f00; padding: 0.5rem 0.8rem; }
.chart h3 { font-size: 1rem; margin: 1rem 0 0.3rem; }
blockquote { border-left: 4px solid #999; margin: 0.6rem 0; padding: 0.3rem 0.8rem;
  background: #f6f6f6; }
blockquote .para { font-weight: bold; margin-right: 0.5rem; }
blockquote details { color: #555; font-size: 0.9rem; margin-top: 0.2rem; }
.meta { color: #333; }
.contents { list-style: none; padding-left: 0; }
footer { color: #555; font-size: 0.85rem; border-top: 1px solid #ccc; margin-top: 2rem; }
"""


class BriefingError(RuntimeError):
    """A map's boundaries could not be put into the briefing."""


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element (no '</script>', no HTML comment openers)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def served_boundaries(url: str) -> dict[str, Any]:
    """The GeoJSON behind a map's static/geo URL (only files in that folder are read)."""
    name = Path(url.rsplit("/", 1)[-1]).name
    path = geo.SERVED_DIR / name
    if not name.endswith(".json") or not path.is_file():
        raise BriefingError(f"no served boundaries for {url!r}")
    return json.loads(path.read_text(encoding="utf-8"))


def self_contained(fig: go.Figure) -> go.Figure:
    """A copy of fig whose traces carry their GeoJSON instead of a URL to it."""
    out = go.Figure(fig)
    for trace in out.data:
        source = getattr(trace, "geojson", None)
        if isinstance(source, str):
            trace.geojson = served_boundaries(source)
    return out


def geo_assets_script() -> str:
    """Registers the base topojson with plotly.js before it loads (no fetch ever happens)."""
    topology = json.loads(BASE_TOPOJSON.read_text(encoding="utf-8"))
    assets = {"topojson": {name: topology for name in TOPOJSON_NAMES}}
    return f"<script>window.PlotlyGeoAssets = {_script_json(assets)};</script>"


def chart_html(fig: go.Figure, div_id: str) -> str:
    """One chart's div and script (plotly.js itself is in the document's head)."""
    fig = self_contained(fig)
    if any(trace.type == "bar" for trace in fig.data):  # the app's theme made room for labels
        fig.update_xaxes(automargin=True)
        fig.update_yaxes(automargin=True)
    return pio.to_html(
        fig,
        include_plotlyjs=False,
        full_html=False,
        config=CHART_CONFIG,
        div_id=div_id,
        validate=False,
    )


def _excerpt_html(text: str, paragraphs: Sequence[str], t: Translator, lang: str) -> str:
    """The excerpt as its reader sees it first; the verbatim original one click away."""
    paras = t("app.list_separator").join(t("story.paragraph_excerpt", n=p) for p in paragraphs)
    shown = quotation(text, lang)
    original = (
        f"<details><summary>{html_text(t('app.original'))}</summary>「{html_text(text)}」</details>"
        if shown != text
        else ""
    )
    return (
        f'<blockquote><span class="para">{html_text(paras or t("app.not_in_source"))}</span>'
        f"「{html_text(shown)}」{original}</blockquote>"
    )


def slide_html(slide: Slide, t: Translator, lang: str) -> str:
    parts = [
        f'<section class="slide" id="slide-{slide.number}">',
        f"<h2>{slide.number}. {html_text(slide.title)}</h2>",
        f'<p class="lead">{html_text(slide.lead)}</p>',
    ]
    if slide.notice:
        parts.append(f'<p class="notice">{html_text(slide.notice)}</p>')
    if slide.facts:
        parts.append('<div class="facts">')
        for f in slide.facts:
            note = f'<div class="note">{html_text(f.note)}</div>' if f.note else ""
            parts.append(
                f'<div class="fact"><div class="label">{html_text(f.label)}</div>'
                f'<div class="value">{html_text(f.value)}</div>{note}</div>'
            )
        parts.append("</div>")
    if slide.points:
        parts.append("<ul>" + "".join(f"<li>{html_text(p)}</li>" for p in slide.points) + "</ul>")
    for chart in slide.charts:
        kind = "map" if chart.is_map else "chart"
        parts.append(
            f'<div class="chart" data-kind="{kind}"><h3>{html_text(chart.title)}</h3>'
            f"{chart_html(chart.figure, f'chart-{slide.number}-{chart.key}')}</div>"
        )
    if slide.since:  # reported after the article: apart from the source's excerpts
        parts.append(since_html(slide.since, t))
    if slide.excerpts:
        parts.append(f"<h3>{html_text(t('story.sources_heading'))}</h3>")
        parts.extend(_excerpt_html(e.text, e.paragraphs(), t, lang) for e in slide.excerpts)
    parts.append("</section>")
    return "\n".join(parts)


def render(
    slides: Sequence[Slide],
    lang: str,
    t: Translator,
    exported_at: datetime,
    zone: str | None = None,
    as_of: str | None = None,
) -> str:
    """The whole briefing as one HTML document (UTF-8 text). as_of: what the figures are
    as of (plain text; the article's time by default)."""
    contents = "".join(
        f'<li><a href="#slide-{s.number}">{s.number}. {html_text(s.title)}</a></li>' for s in slides
    )
    body = "\n".join(slide_html(s, t, lang) for s in slides)
    when = dates.moment(exported_at, lang, zone)  # as the reader writes it, in their zone
    note, as_of_label = html_text(t("story.offline_note")), html_text(t("story.data_as_of"))
    return f"""<!DOCTYPE html>
<html lang="{html_text(t("story.html_lang"))}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html_text(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html_text(t("story.briefing_title"))}</title>
<style>{STYLE}</style>
{geo_assets_script()}
<script>{get_plotlyjs()}</script>
</head>
<body>
<header>
<h1>{html_text(t("story.briefing_title"))}</h1>
<p class="meta"><strong>{as_of_label}:</strong> {html_text(as_of or t("app.as_of"))}</p>
<p class="meta">{html_text(t("story.exported_at", when=when))} {note}</p>
<nav><h2>{html_text(t("story.contents"))}</h2><ul class="contents">{contents}</ul></nav>
</header>
{body}
<footer><p>{html_text(t("app.footer"))}</p></footer>
</body>
</html>
"""


def file_name(lang: str, when: datetime) -> str:
    return f"briefing-{lang}-{when.strftime('%Y-%m-%dT%H%M')}.html"


def chart_count(slides: Sequence[Slide]) -> tuple[int, int]:
    """(charts, of which maps) in the slides."""
    charts = [c for s in slides for c in s.charts]
    return len(charts), sum(c.is_map for c in charts)
