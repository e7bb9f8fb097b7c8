"""A scenario's figures before and after: the views run over the source's rows and over
the scenario's rows (app.data.metrics), side by side; nothing counted here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    # counts as {level: {host: n}} (rows without a host left out), made once with the
    # figures (cached and shared): the page's charts read it on every rerun
    per_host: dict[str, dict[str, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "per_host", _per_host(self.counts))

    @property
    def county(self) -> LevelMetrics:
        return self.metrics[LEVELS.index("county")]


def _per_host(counts: pd.DataFrame) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    columns = (counts[c].tolist() for c in ("level", "host", "n"))
    for level, host, n in zip(*columns, strict=True):
        if not pd.isna(host):
            out.setdefault(level, {})[host] = int(n)
    return out


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

    def host_rows(self, level: str) -> list[tuple[str, int, int]]:
        """Agencies per host at one level: (host, before, after), in host code order."""
        b, a = (f.per_host.get(level, {}) for f in (self.before, self.after))
        known = [h.value for h in Host if h.value in b or h.value in a]
        hosts = known + sorted((b.keys() | a.keys()) - set(known))
        return [(h, b.get(h, 0), a.get(h, 0)) for h in hosts]

    def distribution(self, level: str) -> pd.DataFrame:
        """Agencies per host at one level: host, before, after, change (host code order)."""
        rows = self.host_rows(level)
        before = np.array([r[1] for r in rows], dtype=np.int64)
        after = np.array([r[2] for r in rows], dtype=np.int64)
        return pd.DataFrame(
            {
                "host": pd.Series([r[0] for r in rows], dtype=self.before.counts["host"].dtype),
                "before": before,
                "after": after,
                "change": after - before,
            }
        )


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
