"""Showing an import: problem messages, the validation report, the template workbook,
and the changes between two snapshots."""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pandas as pd

from app.core.config import QUERIES_DIR
from app.core.models import Host, Level, Nature
from app.data import db, exports
from app.roster.problems import PLACES, ImportProblem
from app.roster.reading import IMPORT_COLUMNS, OPTIONAL_COLUMNS
from app.roster.validation import PROVINCE_PREFIX

CHANGES_SQL = QUERIES_DIR / "snapshot_changes.sql"
CHANGE_KINDS = ("added", "removed", "rehosted", "nature_changed")


def message(problem: ImportProblem, t: Callable[..., str]) -> str:
    return problem.message(t)


def place(column: str, t: Callable[..., str]) -> str:
    """A column as the report shows it: "(file)", "(row)"... in the reader's language."""
    return t(PLACES[column]) if column in PLACES else column


def problems_frame(problems: list[ImportProblem], t: Callable[..., str]) -> pd.DataFrame:
    """The validation report: one row per problem, with row and column, to show and download."""
    return pd.DataFrame(
        {
            t("importer.col_row"): [p.line if p.line else "" for p in problems],
            t("importer.col_column"): [place(p.column, t) for p in problems],
            t("importer.col_problem"): [message(p, t) for p in problems],
        }
    )


def template_sheets(codes: pd.DataFrame, divisions: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The template workbook: an empty agencies sheet, then the allowed codes and units."""
    allowed = [
        ("level", [v.value for v in Level]),
        ("host", [v.value for v in Host]),
        ("nature", [v.value for v in Nature]),
    ]
    rows = []
    for column, values in allowed:
        labels = codes[codes["domain"] == column].set_index("code")
        for value in values:
            rows.append(
                {
                    "column": column,
                    "code": value,
                    "label_zh": labels["label_zh"].get(value, ""),
                    "label_en": labels["label_en"].get(value, ""),
                }
            )
    units = divisions[divisions["adcode"].str.startswith(PROVINCE_PREFIX)]
    return {
        "agencies": pd.DataFrame(columns=[*IMPORT_COLUMNS, *OPTIONAL_COLUMNS]),
        "codes": pd.DataFrame(rows),
        "divisions": units[["adcode", "level", "name_zh", "name_en", "parent_adcode"]],
    }


def template_xlsx(codes: pd.DataFrame, divisions: pd.DataFrame) -> bytes:
    return exports.sheets_to_xlsx(template_sheets(codes, divisions))


def changes(con: duckdb.DuckDBPyConnection, old: str, new: str) -> pd.DataFrame:
    """Agencies added, removed, re-hosted or changed nature from snapshot old to new."""
    return db.query(con, CHANGES_SQL.read_text(encoding="utf-8"), {"old": old, "new": new})


def loaded_snapshots(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Snapshot ids the connection's agencies table holds."""
    frame = db.query(con, "SELECT DISTINCT snapshot FROM agencies ORDER BY snapshot")
    return frame["snapshot"].tolist()
