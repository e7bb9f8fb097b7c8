"""Pieces several slides are made of: code labels, distribution lines, a map as a chart."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from app.core import dates, i18n, structure
from app.story.model import Chart, Translator

HostLabel = Callable[[str | None], str]


def label(codes: pd.DataFrame, domain: str, code: object, lang: str, t: Translator) -> str:
    """A code's label (host, nature) in the language; "unknown" when empty."""
    if code is None or code != code:
        return t("app.unknown")
    return structure.labels(codes, domain, lang).get(str(code), str(code))


def host_labeller(codes: pd.DataFrame, lang: str, t: Translator) -> HostLabel:
    return lambda code: label(codes, "host", code, lang, t)


def distribution_points(frame: pd.DataFrame, lang: str, t: Translator) -> tuple[str, ...]:
    """One line per category of a distribution view: label, count and share."""
    return tuple(
        t(
            "story.count_line",
            label=str(i18n.column(r, "label", lang)),
            n=int(r["n"]),
            share=f"{float(r['share']):.0%}",
        )
        for _, r in frame.iterrows()
    )


def map_chart(key: str, title: str, figure: go.Figure | None) -> tuple[Chart, ...]:
    """The slide's map, or no chart when there is none to show."""
    return () if figure is None else (Chart(key, title, figure, is_map=True),)


def saved_line(
    t: Translator,
    key: str,
    stamp: object,
    who: object,
    lang: str,
    zone: str | None,
    **values: object,
) -> str:
    """A "saved by whom, on which day" line: the day as the reader writes it (in the reader's
    zone; a slide shows no raw timestamp), and no name when nobody is known (catalogue key
    `key` with {who}, `key`_anon without)."""
    at = dates.day(stamp, lang, zone) or t("app.unknown")
    if isinstance(who, str) and who.strip():
        return t(key, at=at, who=who.strip(), **values)
    return t(f"{key}_anon", at=at, **values)


def metric_label(t: Translator, level: str, metric: str) -> str:
    return f"{t(f'gap.level_{level}')} · {t(f'gap.metric_{metric}')}"
