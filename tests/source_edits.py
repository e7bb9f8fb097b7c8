"""Edit a copy of data/sources as an editor would: an agency's columns and its claims
(claims.csv) together, since the build refuses a row that disagrees with its claims."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from app.core.config import DataPaths

Rows = list[dict[str, str]]


def rewrite(path: Path, change: Callable[[Rows], Rows]) -> None:
    """Read a source CSV, apply change to its rows, write it back (same columns)."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = list(reader.fieldnames or []), list(reader)
    rows = change(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit_agency(paths: DataPaths, agency_id: str, **cells: str) -> None:
    """Set cells of one seed agency; nature, host and rank change in its claims too."""

    def agency(rows: Rows) -> Rows:
        for r in rows:
            if r["agency_id"] == agency_id:
                r.update(cells)
        return rows

    def claims(rows: Rows) -> Rows:
        for r in rows:
            if r["subject_id"] == agency_id and r["attribute"] in cells:
                r["value"] = cells[r["attribute"]]
        return rows

    rewrite(paths.sources / "agencies.csv", agency)
    rewrite(paths.sources / "claims.csv", claims)


def drop_agency(paths: DataPaths, agency_id: str) -> None:
    """Remove one seed agency and its claims."""
    rewrite(
        paths.sources / "agencies.csv",
        lambda rows: [r for r in rows if r["agency_id"] != agency_id],
    )
    rewrite(
        paths.sources / "claims.csv", lambda rows: [r for r in rows if r["subject_id"] != agency_id]
    )
