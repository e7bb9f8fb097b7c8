"""Where things live. ATLAS_DATA_DIR moves the data folder (tests, benchmarks, deployments).

The SQL (views, saved queries, tables.toml) is the checkout's sql/ folder beside app/; an
installed package (`pip install .`) carries the same folder as app/sql.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
ROOT = PACKAGE.parent
SQL_DIR = PACKAGE / "sql" if (PACKAGE / "sql").is_dir() else ROOT / "sql"
VIEWS_DIR = SQL_DIR / "views"
QUERIES_DIR = SQL_DIR / "queries"
SEED_SNAPSHOT = "seed"


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def parquet(self) -> Path:
        return self.root / "parquet"

    @property
    def snapshots(self) -> Path:
        """Where an older version kept imported rosters (<id>.parquet and manifest.json);
        they now live in the state store, which takes these over once (app.data.legacy)."""
        return self.root / "snapshots"


def data_paths() -> DataPaths:
    return DataPaths(Path(os.environ.get("ATLAS_DATA_DIR", ROOT / "data")).resolve())
