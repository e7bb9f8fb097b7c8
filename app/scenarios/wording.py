"""What the scenario page says, in the reader's language: a step as a sentence, a metric
before and after as a card. Pure: a translator and label functions in, text out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from app.core import md
from app.core.metrics import Ratio, change
from app.scenarios.model import Create, Move

Translator = Callable[..., str]
Label = Callable[[str | None], str]
PERCENT_METRICS = ("coverage", "alignment")


@dataclass(frozen=True)
class Labels:
    """Names of codes and cities in the page's language."""

    host: Label
    nature: Label
    cities: dict[str, str]  # city adcode -> name


def describe(step, affected: int, t: Translator, labels: Labels) -> str:
    """One step as the steps list shows it, with how many agencies it moved or created."""
    if isinstance(step, Move):
        if step.cities:
            where = ", ".join(labels.cities.get(c, c) for c in step.cities)
        else:
            where = t("scenarios.all") if step.count is None else str(step.count)
        return t(
            f"scenarios.describe_move_{step.level}",
            frm=labels.host(step.from_host.value),
            to=labels.host(step.to_host.value),
            where=where,
            n=affected,
        )
    if isinstance(step, Create):
        return t(
            "scenarios.describe_create",
            n=step.count,
            host=labels.host(step.host.value),
            nature=labels.nature(step.nature.value if step.nature else None),
        )
    return t(
        "scenarios.describe_centre",
        host=labels.host(step.host.value) if step.host else t("scenarios.unchanged"),
        nature=labels.nature(step.nature.value) if step.nature else t("scenarios.unchanged"),
    )


def saved_meta(t: Translator, row: pd.Series, when: Callable[[object], str]) -> str:
    """A saved scenario's version, when (as the reader writes it) and by whom (the name
    shown as text, not markup)."""
    who = md.escape(row["saved_by"]) or t("app.unknown")
    return t("scenarios.saved_meta", version=row["version"], at=when(row["saved_at"]), who=who)


def centre(row: dict[str, str | None], labels: Labels) -> str:
    return f"{labels.host(row['host'])} · {labels.nature(row['nature'])}"


@dataclass(frozen=True)
class Card:
    """A metric after the scenario, its change, and the exact fractions before → after."""

    label: str
    value: str
    delta: str | None
    delta_color: str
    exact: str


def card(metric: str, before: Ratio, after: Ratio, t: Translator) -> Card:
    percent = metric in PERCENT_METRICS
    moved = change(before, after)
    delta = None
    if moved:
        delta = t("scenarios.delta_pp", d=f"{moved * 100:+.0f}") if percent else f"{moved:+.2f}"
    return Card(
        t(f"gap.metric_{metric}"),
        after.percent() if percent else after.decimal(),
        delta,
        "normal" if percent else "off",
        t("scenarios.before_to_after", before=str(before), after=str(after)),
    )


def compare_table(t: Translator, table: pd.DataFrame) -> pd.DataFrame:
    """results.compare's table with its levels, metrics and headers in words."""
    table = table.assign(
        level=table["level"].map(lambda lv: t(f"gap.level_{lv}")),
        metric=table["metric"].map(lambda m: t(f"gap.metric_{m}")),
    )
    return table.rename(
        columns={"level": t("scenarios.col_level"), "metric": t("scenarios.col_metric")}
    )
