"""The data dictionary: every table and view, its columns, types, descriptions, row counts.

Types and row counts come from DuckDB itself; descriptions, in English and in Chinese, come
from the views' comment headers (app.data.db.parse_view) and, for the source tables, from
sql/tables.toml.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from app.core import claims as claim_rules
from app.core.config import SQL_DIR
from app.data import db

TABLES_TOML = SQL_DIR / "tables.toml"
CONFIDENCE_TABLES = ("agencies", "divisions", "provinces")
CATALOGUE_SQL = """
SELECT c.table_name AS name, c.column_name AS column, c.data_type AS type, c.column_index AS pos,
       CASE WHEN v.view_name IS NULL THEN 'table' ELSE 'view' END AS kind
FROM duckdb_columns() AS c
LEFT JOIN duckdb_views() AS v ON v.view_name = c.table_name AND NOT v.internal
WHERE c.schema_name = 'main' AND c.database_name = current_database()
ORDER BY kind, name, pos
"""


@dataclass(frozen=True)
class ObjectDoc:
    name: str
    kind: str  # table or view
    row: str  # what one row is (English)
    row_zh: str  # what one row is (Chinese)
    rows: int  # row count for the snapshot asked for
    columns: pd.DataFrame  # column, type, description (English), description_zh


@cache
def _table_descriptions(path: Path = TABLES_TOML) -> dict[str, dict]:
    with path.open("rb") as f:
        return tomllib.load(f)


Docs = tuple[str, str, dict[str, str], dict[str, str]]


def descriptions() -> dict[str, Docs]:
    """name -> (row in English, row in Chinese, {column: English}, {column: Chinese}) for
    tables and views."""
    out: dict[str, Docs] = {}
    for name, doc in _table_descriptions().items():
        out[name] = (
            doc.get("row", ""),
            doc.get("row_zh", ""),
            dict(doc.get("columns", {})),
            dict(doc.get("columns_zh", {})),
        )
    for path in db.view_files():
        v = db.parse_view(path)
        out[v.name] = (v.row, v.row_zh, dict(v.columns), dict(v.columns_zh))
    return out


def describe(con: duckdb.DuckDBPyConnection, snapshot: str | None = None) -> list[ObjectDoc]:
    """Tables first, then views, each with typed, described columns and its row count."""
    catalogue = db.query(con, CATALOGUE_SQL)
    docs = descriptions()
    out = []
    for (kind, name), cols in catalogue.groupby(["kind", "name"], sort=False):
        row, row_zh, col_docs, col_docs_zh = docs.get(name, ("", "", {}, {}))
        frame = pd.DataFrame(
            {
                "column": cols["column"].tolist(),
                "type": cols["type"].tolist(),
                "description": [col_docs.get(c, "") for c in cols["column"]],
                "description_zh": [col_docs_zh.get(c, "") for c in cols["column"]],
            }
        )
        count = db.query(con, f"SELECT count(*) AS n FROM {_checked(name)}", snapshot=snapshot)
        out.append(ObjectDoc(str(name), str(kind), row, row_zh, int(count["n"].iloc[0]), frame))
    return out


def _checked(name: str) -> str:
    if not db.TABLE_NAME.match(name):
        raise ValueError(f"not a table name: {name!r}")
    return name


def summary(objects: list[ObjectDoc], lang: str = "en") -> pd.DataFrame:
    """One row per table or view: name, kind, rows, columns, what a row is."""
    return pd.DataFrame(
        {
            "name": [o.name for o in objects],
            "kind": [o.kind for o in objects],
            "rows": [o.rows for o in objects],
            "columns": [len(o.columns) for o in objects],
            "row": [o.row_zh if lang == "zh" else o.row for o in objects],
        }
    )


def columns_in(obj: ObjectDoc, lang: str = "en") -> pd.DataFrame:
    """An object's columns with their descriptions in one language: column, type, description."""
    chosen = "description_zh" if lang == "zh" else "description"
    frame = obj.columns[["column", "type", chosen]]
    return frame.rename(columns={chosen: "description"})


def all_columns(objects: list[ObjectDoc], lang: str = "en") -> pd.DataFrame:
    """Every column of every table and view (the downloadable dictionary)."""
    frames = [columns_in(o, lang).assign(name=o.name, kind=o.kind) for o in objects]
    if not frames:
        return pd.DataFrame(columns=["name", "kind", "column", "type", "description"])
    return pd.concat(frames, ignore_index=True)[["name", "kind", "column", "type", "description"]]


def undocumented(objects: list[ObjectDoc]) -> pd.DataFrame:
    """Columns with no description in either language (the dictionary flags them)."""
    frames = [o.columns.assign(name=o.name, kind=o.kind) for o in objects]
    if not frames:
        return pd.DataFrame(columns=["name", "kind", "column", "description", "description_zh"])
    cols = pd.concat(frames, ignore_index=True)
    missing = (cols["description"] == "") | (cols["description_zh"] == "")
    return cols[missing].reset_index(drop=True)


def confidence_counts(con: duckdb.DuckDBPyConnection, snapshot: str | None = None) -> pd.DataFrame:
    """How many rows of each table with a confidence column are stated, derived or imported
    (agencies for the chosen snapshot)."""
    parts = []
    for table in CONFIDENCE_TABLES:
        source = "v_agencies" if table == "agencies" else table
        frame = db.query(
            con,
            f"SELECT confidence, count(*) AS n FROM {_checked(source)} GROUP BY confidence",
            snapshot=snapshot,
        )
        parts.append(frame.assign(table=table))
    counts = pd.concat(parts, ignore_index=True)
    wide = counts.pivot_table(index="table", columns="confidence", values="n", fill_value=0)
    for level in ("stated", "derived", "imported"):
        if level not in wide.columns:
            wide[level] = 0
    wide = wide[["stated", "derived", "imported"]].astype(int).reset_index()
    wide.columns.name = None
    return wide


CLAIM_COUNTS_SQL = """
SELECT subject_kind, attribute, confidence, count(*) AS n
FROM v_claims
GROUP BY subject_kind, attribute, confidence
"""


def claim_counts(con: duckdb.DuckDBPyConnection, snapshot: str | None = None) -> pd.DataFrame:
    """How many claims of each attribute are stated, derived, unknown or imported, for the
    chosen snapshot: one row per attribute (agencies' first, in v_claims' order)."""
    counts = db.query(con, CLAIM_COUNTS_SQL, snapshot=snapshot)
    order = [*claim_rules.AGENCY_ATTRIBUTES, *claim_rules.PROVINCE_ATTRIBUTES]
    wide = counts.pivot_table(
        index=["subject_kind", "attribute"], columns="confidence", values="n", fill_value=0
    ).reset_index()
    wide.columns.name = None
    for level in claim_rules.CONFIDENCES:
        if level not in wide.columns:
            wide[level] = 0
    wide = wide.sort_values("attribute", key=lambda a: a.map(order.index))
    columns = ["subject_kind", "attribute", *claim_rules.CONFIDENCES]
    return wide[columns].astype(dict.fromkeys(claim_rules.CONFIDENCES, int)).reset_index(drop=True)


def flag_differences(figures: pd.DataFrame) -> pd.DataFrame:
    """v_reported_vs_computed with a 'flag' column: ⚠ where computed differs from reported,
    ✓ a match on rows that name their unit, ≈ a match on rows written from the reported
    number (a consistency check), – where the rows cannot give it."""
    flags = figures["status"].map({"differs": "⚠", "not_computable": "–"})
    flags = flags.fillna(figures["basis"].map({"placeholder_rows": "≈"})).fillna("✓")
    return figures.assign(flag=flags)[["flag", *figures.columns]]
