"""A figure as st.plotly_chart sends it, made once per figure object.

st.plotly_chart calls to_dict() on every figure it draws: a deep copy of the whole figure
(a map's hover text, a sunburst's rows), most of the chart's cost in a rerun, paid again
for a cached figure that never changes. `drawn(figure)` gives st.plotly_chart a stand-in
whose to_dict() returns the dict made at the figure's first draw. The figure must not be
changed once drawn: the app's figures are cached and shared (app.ui.figures), or built
anew in each run.
"""

from __future__ import annotations

from typing import Any

from plotly.basedatatypes import BaseFigure


class DrawnFigure(BaseFigure):
    """A figure's to_dict() result, which st.plotly_chart takes as a figure already
    validated (a plain dict it would validate again, through a new go.Figure)."""

    def __init__(self, spec: dict[str, Any]) -> None:  # no BaseFigure state: only to_dict
        object.__setattr__(self, "_spec", spec)

    def to_dict(self) -> dict[str, Any]:
        return self._spec

    def __repr__(self) -> str:  # BaseFigure's reads state this stand-in does not have
        return f"DrawnFigure({len(self._spec.get('data', []))} traces)"


DRAWN = "_drawn_for_chart"  # the stand-in, kept on the figure itself: it lives as long


def drawn(figure: Any) -> Any:
    """The figure's stand-in for st.plotly_chart (anything else but a figure unchanged)."""
    if not isinstance(figure, BaseFigure) or isinstance(figure, DrawnFigure):
        return figure
    held = figure.__dict__.get(DRAWN)
    if held is None:
        held = DrawnFigure(figure.to_dict())
        setattr(figure, DRAWN, held)  # plotly lets a figure carry a private attribute
    return held
