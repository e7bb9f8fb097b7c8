"""A scenario's figures before and after: the views run over the source's rows and over
the scenario's rows (app.data.metrics), side by side; nothing counted here.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from app.core.metrics import LEVELS, METRICS, LevelMetrics
from app.core.models import Host
from app.data import metrics as figures_sql
from app.scenarios.engine import Applied, apply, centre_row
from app.scenarios.model import Scenario


@dataclass(frozen=True)
class Figures:
    """What the views say about one set of rows."""

    metrics: list[LevelMetrics]  # v_level_metrics: city, county
    counts: pd.DataFrame  # v_city_host, v_county_host: level, host, n

    @property
    def county(self) -> LevelMetrics:
        return self.metrics[LEVELS.index("county")]


def figures(
    con: duckdb.DuckDBPyConnection,
    agencies: pd.DataFrame | None = None,
    snapshot: str | None = None,
) -> Figures:
    """The snapshot's figures, or the same views over the given rows."""
    return Figures(
        figures_sql.level_metrics(con, agencies, snapshot),
        figures_sql.host_counts(con, agencies, snapshot),
    )


@dataclass(frozen=True)
class Outcome:
    applied: Applied
    before: Figures
    after: Figures
    centre_before: dict[str, str | None]  # the province-level centre: host, nature
    centre_after: dict[str, str | None]

    def distribution(self, level: str) -> pd.DataFrame:
        """Agencies per host at one level: host, before, after, change (host code order).

        Counted from a few rows in Python and made a frame once: the scenario page draws
        it for each level on every rerun, where pandas' concat and reindex cost more."""
        b, a = (_level_counts(f.counts, level) for f in (self.before, self.after))
        known = [h.value for h in Host if h.value in b or h.value in a]
        hosts = known + sorted((b.keys() | a.keys()) - set(known))
        before = np.array([b.get(h, 0) for h in hosts], dtype=np.int64)
        after = np.array([a.get(h, 0) for h in hosts], dtype=np.int64)
        return pd.DataFrame(
            {
                "host": pd.Series(hosts, dtype=self.before.counts["host"].dtype),
                "before": before,
                "after": after,
                "change": after - before,
            }
        )


def _level_counts(counts: pd.DataFrame, level: str) -> dict[str, int]:
    """Agencies per host at one level (rows without a host left out)."""
    columns = (counts[c].tolist() for c in ("level", "host", "n"))
    return {
        host: int(n)
        for lv, host, n in zip(*columns, strict=True)
        if lv == level and not pd.isna(host)
    }


def outcome(
    con: duckdb.DuckDBPyConnection,
    scenario: Scenario,
    agencies: pd.DataFrame,
    snapshot: str | None = None,
    before: Figures | None = None,
) -> Outcome:
    """Apply the scenario to the snapshot's agencies (v_agencies) and read both sides'
    figures from the views; ScenarioError when a step cannot apply."""
    before = before or figures(con, snapshot=snapshot)
    applied = apply(scenario, agencies, before.county.units_without)
    after = figures(con, applied.agencies, snapshot) if scenario.steps else before
    return Outcome(applied, before, after, centre_row(agencies), centre_row(applied.agencies))


def compare(columns: dict[str, list[LevelMetrics]]) -> pd.DataFrame:
    """One row per level and metric, a column per named result: "0.80 (76/95)"."""
    rows = []
    for i, level in enumerate(LEVELS):
        for metric in METRICS:
            row = {"level": level, "metric": metric}
            for name, ms in columns.items():
                r = getattr(ms[i], metric)
                row[name] = f"{r.decimal()} ({r})"
            rows.append(row)
    return pd.DataFrame(rows)
