"""The gap metrics and host counts as the views compute them, for a snapshot or any rows.

A scenario's figures come from the same SQL as the source's: on a fresh cursor of the
base connection the scenario's rows are registered under the name `agencies`, which
shadows the table for that cursor only, so v_agencies, v_level_metrics and the host
distribution views run unchanged over them. v_agencies keeps the rows of the snapshot
variable: the registered rows all get that snapshot (a created agency has none of its own).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pandas as pd

from app.core import metrics
from app.core.config import SEED_SNAPSHOT
from app.core.metrics import LevelMetrics

HOST_VIEWS = {"city": "v_city_host", "county": "v_county_host"}


@contextmanager
def _cursor(
    con: duckdb.DuckDBPyConnection, agencies: pd.DataFrame | None, snapshot: str | None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the snapshot's rows, or on `agencies` in place of the table."""
    snap = snapshot or SEED_SNAPSHOT  # v_agencies' snapshot when none is set
    cur = con.cursor()
    try:
        cur.execute("SET VARIABLE snapshot = ?", [snap])
        if agencies is not None:
            cur.register("agencies", _as_table(cur, agencies).assign(snapshot=snap))
        yield cur
    finally:
        cur.close()


def _as_table(cur: duckdb.DuckDBPyConnection, agencies: pd.DataFrame) -> pd.DataFrame:
    """The rows with exactly the agencies table's columns, text kept text (an empty or
    all-missing column would otherwise reach DuckDB as a number)."""
    types = cur.execute("SELECT column_name, column_type FROM (DESCRIBE agencies)").fetchall()
    frame = agencies.reindex(columns=[name for name, _ in types])
    return frame.astype({name: "str" for name, kind in types if kind == "VARCHAR"})


def level_metrics(
    con: duckdb.DuckDBPyConnection,
    agencies: pd.DataFrame | None = None,
    snapshot: str | None = None,
) -> list[LevelMetrics]:
    """v_level_metrics (city, county) for the snapshot, or computed over the given rows
    (columns of the agencies table; extra columns are ignored)."""
    with _cursor(con, agencies, snapshot) as cur:
        rows = cur.execute("SELECT * FROM v_level_metrics").df()
    return [metrics.from_view(row) for _, row in rows.iterrows()]


def host_counts(
    con: duckdb.DuckDBPyConnection,
    agencies: pd.DataFrame | None = None,
    snapshot: str | None = None,
) -> pd.DataFrame:
    """Agencies per host at each level (columns level, host, n) from v_city_host and
    v_county_host, for the snapshot or over the given rows; in the views' order."""
    with _cursor(con, agencies, snapshot) as cur:
        frames = [
            cur.execute(f"SELECT host, n FROM {view}").df().assign(level=level)
            for level, view in HOST_VIEWS.items()
        ]
    out = pd.concat(frames, ignore_index=True)[["level", "host", "n"]]
    return out.astype({"n": "int64"})
