"""Figures of the scenario page: a level's host distribution before and after."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import plotly.graph_objects as go

from app.figures import palette, toolbar

HEIGHT = 280

Bars = tuple[tuple[str, str, int, int], ...]  # (host code, host name, before, after)


def bars(rows: Iterable[tuple[str, int, int]], host_label: Callable[[str | None], str]) -> Bars:
    """What the figure draws, from (host, before, after) rows (Outcome.host_rows), as a
    small hashable value (a cache key for the page)."""
    return tuple((str(h), host_label(h), int(b), int(a)) for h, b, a in rows)


def figure(rows: Bars, before_name: str, after_name: str, axis_title: str) -> go.Figure:
    fig = go.Figure()
    for host, name, before, after in rows:
        colour = palette.host_colour(host)
        fig.add_bar(
            x=[before, after],
            y=[before_name, after_name],
            orientation="h",
            name=name,
            marker_color=colour,
            text=[before or "", after or ""],
            textposition="inside",
            insidetextfont_color=palette.text_colour(colour),
            hovertemplate="%{y}: " + name + " %{x}<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        height=HEIGHT,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"title": axis_title},
        yaxis={"autorange": "reversed"},
        legend=toolbar.top_legend(HEIGHT),
    )
    return toolbar.for_chart(fig)
