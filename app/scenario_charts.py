"""Figures of the scenario page: a level's host distribution before and after."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from app import palette


def before_after_figure(
    dist: pd.DataFrame,
    host_label: Callable[[str | None], str],
    before_name: str,
    after_name: str,
    axis_title: str,
) -> go.Figure:
    """Two stacked bars (before, after), a segment per host in the shared host colours.

    dist: columns host, before, after (scenarios.distribution).
    """
    fig = go.Figure()
    for row in dist.itertuples():
        colour = palette.host_colour(row.host)
        name = host_label(row.host)
        fig.add_bar(
            x=[int(row.before), int(row.after)],
            y=[before_name, after_name],
            orientation="h",
            name=name,
            marker_color=colour,
            text=[int(row.before) or "", int(row.after) or ""],
            textposition="inside",
            insidetextfont_color=palette.text_colour(colour),
            hovertemplate="%{y}: " + name + " %{x}<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        height=260,
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
        xaxis={"title": axis_title},
        yaxis={"autorange": "reversed"},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
    )
    return fig
