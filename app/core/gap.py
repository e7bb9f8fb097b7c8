"""The Gap panel: metrics per level from v_level_metrics, a plain reading of each, a chart.

Readings are (i18n key, values) pairs so both languages say the same thing with the same
numbers; the figure draws each level's host shares in the shared host palette.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app.core import metrics
from app.figures import palette


@dataclass(frozen=True)
class Reading:
    metric: str
    shown: str  # the value as shown on the card
    fraction: str  # the exact fraction behind it
    key: str  # i18n key of the one-line reading
    values: dict[str, object]


def readings(m: metrics.LevelMetrics, host_label: Callable[[str | None], str]) -> list[Reading]:
    """One card per metric: the value, its fraction and a plain-language sentence."""
    cov, hhi, eff, ali = m.coverage, m.hhi, m.effective_hosts, m.alignment
    missing = cov.denominator - cov.numerator
    return [
        Reading(
            "coverage",
            cov.percent(),
            str(cov),
            f"gap.read_coverage_{m.level}" + ("_full" if missing == 0 else ""),
            {"n": cov.numerator, "units": cov.denominator, "missing": missing},
        ),
        Reading(
            "hhi",
            hhi.decimal(),
            str(hhi),
            "gap.read_hhi",
            {"pct": hhi.percent()},
        ),
        Reading(
            "effective_hosts",
            eff.decimal(),
            str(eff),
            "gap.read_effective",
            {"eff": eff.decimal()},
        ),
        Reading(
            "alignment",
            ali.percent(),
            str(ali),
            "gap.read_alignment",
            {"n": ali.numerator, "total": ali.denominator, "host": host_label(m.province_host)},
        ),
    ]


def host_shares_figure(
    distributions: dict[str, pd.DataFrame],
    level_names: dict[str, str],
    host_label: Callable[[str | None], str],
    axis_title: str,
) -> go.Figure:
    """One horizontal 100% bar per level, a segment per host (same colour per host everywhere).

    distributions: level -> frame with columns host, n (e.g. v_city_host / v_county_host).
    The figure is built once per (counts, labels, titles) and shared: callers must not
    change it (st.plotly_chart only reads it).
    """
    counts = tuple(
        (level_names[level], tuple(zip(map(str, frame["host"]), map(int, frame["n"]), strict=True)))
        for level, frame in distributions.items()
    )
    hosts: list[str] = []
    for _, rows in counts:
        hosts += [h for h, _ in rows if h not in hosts]
    return _host_shares(counts, tuple((h, host_label(h)) for h in hosts), axis_title)


@st.cache_resource(show_spinner=False, max_entries=32)
def _host_shares(
    counts: tuple[tuple[str, tuple[tuple[str, int], ...]], ...],
    hosts: tuple[tuple[str, str], ...],
    axis_title: str,
) -> go.Figure:
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
            name=name,
            marker_color=palette.host_colour(host),
            text=texts,
            textposition="inside",
            insidetextfont_color=palette.text_colour(palette.host_colour(host)),
            hovertemplate="%{y}: " + name + " %{text} (%{x:.0%})<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        height=280,
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
        xaxis={"tickformat": ".0%", "range": [0, 1], "title": axis_title},
        yaxis={"autorange": "reversed"},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
    )
    return fig
