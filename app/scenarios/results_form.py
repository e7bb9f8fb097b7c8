"""A scenario's results for the scenario page and the story, cached per process.

Results are cached on small keys, the snapshot and the steps as JSON, never on the
agencies frame itself (hashing 2,888 national rows on every rerun costs more than the
page). They are shared, never copied (cache_resource: no unpickling on each rerun), so
callers only read them.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from app.figures import scenario_charts, shown
from app.scenarios import model, results
from app.ui import session


@st.cache_resource(show_spinner=False, max_entries=16)
def base(snapshot: str) -> results.Figures:
    """The snapshot's own figures (the views, nothing applied)."""
    return results.figures(session.connection(), snapshot=snapshot)


@st.cache_resource(show_spinner=False, max_entries=64)
def outcome(snapshot: str, steps: str) -> results.Outcome:
    """The steps (model.steps_key) applied to the snapshot's agencies, with both sides'
    figures; ScenarioError when a step cannot apply (not cached)."""
    agencies = session.view("v_agencies", snapshot)
    return results.outcome(
        session.connection(), model.from_steps_key(steps), agencies, snapshot, before=base(snapshot)
    )


@st.cache_resource(show_spinner=False, max_entries=64)
def _chart(
    drawn: str, _bars: scenario_charts.Bars, titles: tuple[str, str, str], lang: str, name: str
) -> tuple[go.Figure, shown.Shown]:
    # keyed on drawn, repr(bars): Streamlit hashes a tuple item by item, a str in one step
    return scenario_charts.figure(_bars, *titles), shown.before_after(_bars, lang, name)


def chart_and_rows(t, host_label, rows, lang: str, level: str) -> tuple[go.Figure, shown.Shown]:
    """A level's hosts before and after (Outcome.host_rows), built once per bars and
    titles and shared (st.plotly_chart only reads it), and the rows it draws (the same
    bars) for the data panel under it, likewise shared (the panel only reads them)."""
    bars = scenario_charts.bars(rows, host_label)
    titles = (t("scenarios.before"), t("scenarios.after"), t("scenarios.agencies_axis"))
    return _chart(repr(bars), bars, titles, lang, f"scenario-{level}")
