"""Bar charts: a distribution view as horizontal bars, and each level's host shares.

Bars colour codes from app.figures.palette, so a host has one colour everywhere; text from
data is escaped (app.figures.text). Builders are pure: callers cache the figures and must
not change a cached one (st.plotly_chart only reads it).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Final

import pandas as pd
import plotly.graph_objects as go

from app.core.chinese import quotation
from app.core.i18n import column_name
from app.core.text import html_text
from app.figures import palette, toolbar
from app.figures.text import FONT, legend_label, wrap

# Characters per line of a bar's label: CJK characters are about twice as wide.
LABEL_WIDTH: Final = {"zh": 16, "en": 24}


# One level's host counts: (level name, ((host, n), ...)), hashable for a cache key.
LevelCounts = tuple[str, tuple[tuple[str, int], ...]]


def distribution(
    frame: pd.DataFrame,
    code_column: str,
    lang: str,
    domain: str,
    excerpts: Mapping[str, tuple[str, str]],
    figure_prefix: str,
    source_word: str,
    title: str,
    chosen: Collection[str] | None = None,
) -> go.Figure:
    """A distribution view (code, label_zh, label_en, n, share) as horizontal bars; with
    chosen (the codes filters show, app.core.emphasis), the other bars fade."""
    data = frame.iloc[::-1]  # plotly draws the first bar at the bottom
    codes = data[code_column].tolist()
    excerpt = [excerpts.get(f"{figure_prefix}{c}", ("", "")) for c in codes]
    custom = [
        [code, f"{share:.0%}", wrap(quotation(ex[0], lang)), html_text(ex[1])]
        for code, share, ex in zip(codes, data["share"], excerpt, strict=True)
    ]
    width = LABEL_WIDTH.get(lang, LABEL_WIDTH["en"])
    fig = go.Figure(
        go.Bar(
            x=data["n"].tolist(),
            y=[wrap(v, width) for v in data[column_name("label", lang)]],
            orientation="h",
            marker={
                "color": [palette.colour(domain, c) for c in codes],
                "line": {"color": "#333333", "width": 0.5},
            },
            text=[f"{n} · {share:.0%}" for n, share in zip(data["n"], data["share"], strict=True)],
            textposition="outside",
            cliponaxis=False,
            customdata=custom,
            hovertemplate=(
                "<b>%{y}</b><br>%{x} (%{customdata[1]})<br>"
                + html_text(source_word)
                + " %{customdata[3]}: 「%{customdata[2]}」<extra></extra>"
            ),
            name="",
        )
    )
    if chosen is not None:
        # plotly's own selection styling (an opacity per bar breaks its click-to-select)
        fig.update_traces(
            selectedpoints=[i for i, c in enumerate(codes) if c in chosen],
            selected={"marker": {"opacity": 1}},
            unselected={"marker": {"opacity": palette.FADED}},
        )
    fig.update_layout(
        title={"text": html_text(title), "font": {"size": 14}},
        height=70 + 30 * len(codes),
        margin={"l": 0, "r": 40, "t": 36, "b": 0},
        xaxis={"visible": False, "range": [0, max(data["n"].max(), 1) * 1.25]},
        yaxis={"automargin": True},
        font={"family": FONT},
        showlegend=False,
        dragmode=False,
    )
    return toolbar.for_chart(fig)


def level_counts(
    distributions: Mapping[str, pd.DataFrame], level_names: Mapping[str, str]
) -> tuple[LevelCounts, ...]:
    """Each level's (host, n) rows (frames with columns host, n: v_city_host, v_county_host)."""
    return tuple(
        (level_names[level], tuple(zip(map(str, frame["host"]), map(int, frame["n"]), strict=True)))
        for level, frame in distributions.items()
    )


def hosts_in(
    counts: Sequence[LevelCounts], host_label: Callable[[str | None], str]
) -> tuple[tuple[str, str], ...]:
    """(host, label) of every host the levels hold, in order of first appearance."""
    hosts: list[str] = []
    for _, rows in counts:
        hosts += [h for h, _ in rows if h not in hosts]
    return tuple((h, host_label(h)) for h in hosts)


def host_shares(
    counts: Sequence[LevelCounts],
    hosts: Sequence[tuple[str, str]],
    axis_title: str,
    height: int = 280,
    legend_space: int = 70,
) -> go.Figure:
    """One horizontal 100% bar per level, a segment per host (same colour per host everywhere);
    legend_space is the room above the bars for the legend's rows (more when narrow)."""
    narrow = legend_space > 100  # long names (English) in two columns, wrapped
    fig = go.Figure()
    for host, name in hosts:
        xs, ys, texts = [], [], []
        for level_name, rows in counts:
            by_host = dict(rows)
            n = by_host.get(host, 0)
            total = sum(by_host.values())
            xs.append(n / total if total else 0)
            ys.append(level_name)
            texts.append(f"{n}/{total}")
        fig.add_bar(
            x=xs,
            y=ys,
            orientation="h",
            name=legend_label(name, 26) if narrow else name,
            marker_color=palette.host_colour(host),
            text=texts,
            textposition="inside",
            insidetextfont_color=palette.text_colour(palette.host_colour(host)),
            hovertemplate="%{y}: " + name + " %{text} (%{x:.0%})<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        height=height,
        margin={"l": 10, "r": 10, "t": legend_space, "b": 10},
        xaxis={"tickformat": ".0%", "range": [0, 1], "title": axis_title},
        yaxis={"autorange": "reversed"},
        legend={  # under the toolbar strip
            **toolbar.top_legend(height),
            **({"entrywidth": 0.5, "entrywidthmode": "fraction"} if narrow else {}),
        },
    )
    return toolbar.for_chart(fig)
