"""Room for the toolbars over a chart.

On hover, plotly's modebar and Streamlit's element toolbar sit over a chart's top right
corner: every figure keeps a strip at its top (STRIP pixels) free of legends and colour
bars, and a chart carries only the modebar buttons it uses (its picture as PNG; a map
also zooms).
"""

from __future__ import annotations

from typing import Any, Final

import plotly.graph_objects as go

STRIP: Final = 34  # px: a row of modebar buttons with its padding
# Buttons a chart without zoom or box selection does not use (plotly's layout.modebar.remove).
CHART_BUTTONS_OFF: Final = (
    "zoom",
    "pan",
    "select",
    "lasso",
    "zoomin",
    "zoomout",
    "autoscale",
    "resetscale",
)


def top_legend(height: int) -> dict[str, Any]:
    """A horizontal legend at the top, under the strip; the plot area moves down to fit it
    (plotly widens the top margin for a legend placed in the container)."""
    return {
        "orientation": "h",
        "yref": "container",
        "y": 1 - STRIP / height,
        "yanchor": "top",
        "x": 0,
        "traceorder": "normal",
    }


def for_chart(fig: go.Figure) -> go.Figure:
    """A chart's modebar: no zoom, pan or selection buttons (a click still filters)."""
    fig.update_layout(modebar={"remove": list(CHART_BUTTONS_OFF)})
    return fig
