"""The hierarchy sunburst: province -> level -> host groups, in the shared host colours."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from app.core.text import html_text
from app.figures import palette, toolbar
from app.figures.text import FONT


def sunburst(
    hierarchy: pd.DataFrame,
    root_label: str,
    level_labels: Mapping[str, str],
    host_labels: Mapping[str, str],
) -> go.Figure:
    """Province -> level -> host groups (rows from structure.hierarchy)."""
    names, colours = [], []
    for row in hierarchy.itertuples(index=False):
        if row.id == "jiangsu":
            names.append(html_text(root_label))
            colours.append("#FFFFFF")
        elif not row.host:
            names.append(html_text(level_labels.get(row.level, row.level)))
            colours.append("#EEEEEE")
        else:
            names.append(html_text(host_labels.get(row.host, row.host)))
            colours.append(palette.host_colour(row.host))
    fig = go.Figure(
        go.Sunburst(
            ids=hierarchy["id"].tolist(),
            labels=names,
            parents=hierarchy["parent"].tolist(),
            values=hierarchy["n"].tolist(),
            branchvalues="total",
            marker={"colors": colours, "line": {"color": "#666666", "width": 0.6}},
            hovertemplate="<b>%{label}</b><br>%{value} (%{percentParent:.0%})<extra></extra>",
            insidetextorientation="horizontal",
            sort=False,
        )
    )
    fig.update_layout(height=420, margin={"l": 0, "r": 0, "t": 0, "b": 0}, font={"family": FONT})
    return toolbar.for_chart(fig)
