"""Roster import: a CSV or XLSX of agencies becomes a new snapshot beside the seed.

Every row is validated by the build's own models and rules (app.models.Agency,
app.build.validate_rows / duplicate_keys / agency_problems). Nothing is written unless
every row is valid; the snapshot's parquet file and the manifest are each written to a
temporary name and renamed, so a failed or interrupted import leaves the data as it was.
The seed (data/parquet/agencies.parquet) is never touched.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from xml.etree.ElementTree import ParseError

import duckdb
import pandas as pd
import pyarrow.parquet as pq
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from app import build, db, exports
from app.config import QUERIES_DIR, SEED_SNAPSHOT, DataPaths
from app.models import Agency, Division, Host, Level, Nature

MAX_BYTES = 2 * 1024 * 1024  # 2 MB: a full roster of ~110 agencies is a few kB
MAX_BYTES_LABEL = "2 MB"
# What a roster file holds; the importer sets snapshot, confidence and source_ref itself.
IMPORT_COLUMNS = (
    "agency_id",
    "level",
    "division_adcode",
    "name_zh",
    "name_en",
    "nature",
    "host",
    "rank",
)
OPTIONAL_COLUMNS = ("excerpt",)
# Columns of a v_agencies download: accepted and ignored, so an exported table re-imports.
IGNORED_COLUMNS = (
    "snapshot",
    "confidence",
    "source_ref",
    "division_zh",
    "division_en",
    "city_adcode",
)
PROVINCE_PREFIX = "32"  # the roster is Jiangsu's
MANIFEST = "manifest.json"
CHANGES_SQL = QUERIES_DIR / "snapshot_changes.sql"
SNAPSHOT_ID = re.compile(r"^import-\d{8}-\d{6}(-\d+)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ImportProblem:
    """One reason the file cannot be imported: row (as a spreadsheet numbers it; 0 = the
    whole file), column, and a message key under "importer.problem_" with its values."""

    line: int
    column: str
    code: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Snapshot:
    snapshot_id: str
    created_at: str
    file_name: str
    rows: int
    note: str = ""


@dataclass(frozen=True)
class ImportResult:
    snapshot: Snapshot | None  # None when nothing was written
    problems: list[ImportProblem]


# ---------------------------------------------------------------- reading the bytes


def _cell(value: object) -> str:
    """A spreadsheet cell as the text a CSV would hold (320100.0 -> '320100')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(data: bytes) -> str | None:
    """Text of a CSV saved by Excel or anything else: BOM'd UTF-8/16, UTF-8, then GBK."""
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ("utf-8-sig",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "gb18030")  # gb18030 is a superset of GBK and GB2312
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _read_xlsx(data: bytes) -> list[list[str]] | ImportProblem:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        ValueError,
        TypeError,
        OSError,
        ParseError,
    ):
        return ImportProblem(0, "(file)", "not_tabular", {"detail": "XLSX"})
    try:
        sheet = book["agencies"] if "agencies" in book.sheetnames else book.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    except (IndexError, KeyError, ValueError, TypeError, OSError, ParseError, zipfile.BadZipFile):
        return ImportProblem(0, "(file)", "not_tabular", {"detail": "XLSX"})
    finally:
        book.close()


def _read_csv(data: bytes) -> list[list[str]] | ImportProblem:
    text = _decode(data)
    if text is None:
        return ImportProblem(0, "(file)", "encoding")
    if _CONTROL.search(text):
        return ImportProblem(0, "(file)", "not_tabular", {"detail": "CSV"})
    first = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first:
        delimiter = "\t" if "\t" in first else ";" if ";" in first else ","
    try:
        return [
            [c.strip() for c in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as err:
        return ImportProblem(0, "(file)", "not_tabular", {"detail": f"CSV: {err}"})


Rows = list[tuple[int, dict[str, str]]]


def read_table(data: bytes) -> tuple[list[str], Rows, list[ImportProblem]]:
    """Header, (row number, cells) pairs and problems of reading, for CSV or XLSX bytes."""
    if not data:
        return [], [], [ImportProblem(0, "(file)", "empty_file")]
    if len(data) > MAX_BYTES:
        return (
            [],
            [],
            [ImportProblem(0, "(file)", "too_big", {"size": len(data), "cap": MAX_BYTES_LABEL})],
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return [], [], [ImportProblem(0, "(file)", "xls_old")]
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04")):
        return [], [], [ImportProblem(0, "(file)", "not_tabular", {"detail": "binary"})]
    grid = _read_xlsx(data) if data.startswith(b"PK\x03\x04") else _read_csv(data)
    if isinstance(grid, ImportProblem):
        return [], [], [grid]
    numbered = [(i + 1, row) for i, row in enumerate(grid) if any(c.strip() for c in row)]
    if not numbered:
        return [], [], [ImportProblem(0, "(file)", "empty_file")]
    (_, raw_header), body = numbered[0], numbered[1:]
    header = [h.strip().lower() for h in raw_header]
    while header and not header[-1]:
        header.pop()  # spreadsheets pad the header with empty cells
    problems: list[ImportProblem] = []
    known = (*IMPORT_COLUMNS, *OPTIONAL_COLUMNS, *IGNORED_COLUMNS)
    for col in IMPORT_COLUMNS:
        if col not in header:
            problems.append(ImportProblem(1, col, "missing_column"))
    for col in header:
        if col not in known:
            problems.append(
                ImportProblem(
                    1, col or "(empty)", "unknown_column", {"expected": ", ".join(IMPORT_COLUMNS)}
                )
            )
    for col in sorted({c for c in header if header.count(c) > 1 and c}):
        problems.append(ImportProblem(1, col, "duplicate_column"))
    if problems:
        return header, [], problems
    if not body:
        return header, [], [ImportProblem(0, "(file)", "no_rows")]
    rows = []
    for line, cells in body:
        extra = [c for c in cells[len(header) :] if c.strip()]
        if extra:
            problems.append(ImportProblem(line, "(row)", "extra_cells", {"n": len(header)}))
            continue
        padded = [*cells, *[""] * (len(header) - len(cells))]
        rows.append((line, dict(zip(header, padded, strict=False))))
    return header, rows, problems


# ---------------------------------------------------------------- validating


def safe_file_name(name: str) -> str:
    """The file name as a source_ref allows it (import:NAME, NAME = word chars . -)."""
    base = Path(name or "roster").name
    return re.sub(r"[^\w.\-]", "_", base)[:80] or "roster"


def load_divisions(paths: DataPaths) -> dict[str, Division]:
    table = pq.read_table(paths.parquet / "divisions.parquet")
    return {r["adcode"]: Division.model_validate(r) for r in table.to_pylist()}


def validate(
    data: bytes, file_name: str, divisions: Mapping[str, Division], snapshot_id: str
) -> tuple[list[Agency], list[ImportProblem]]:
    """Every row as an Agency of the new snapshot, or every problem found; never raises
    on bad input."""
    _, rows, problems = read_table(data)
    if problems:
        return [], problems
    source_ref = f"import:{safe_file_name(file_name)}"
    records = []
    for line, cells in rows:
        record = {c: cells.get(c, "") for c in (*IMPORT_COLUMNS, *OPTIONAL_COLUMNS)}
        record |= {"snapshot": snapshot_id, "confidence": "imported", "source_ref": source_ref}
        records.append((line, record))
    good: list[Agency] = []
    good_lines: list[int] = []
    for line, record in records:
        agencies, bad = build.validate_rows(Agency, [(line, record)], file_name)
        for p in bad:
            code = "bad_code" if p.column in ("level", "host", "nature") else "invalid"
            problems.append(
                ImportProblem(
                    line, p.column, code, {"value": record.get(p.column, ""), "detail": p.reason}
                )
            )
        if agencies:
            good.append(agencies[0])  # type: ignore[arg-type]
            good_lines.append(line)
    for p in build.duplicate_keys("agencies", good, good_lines, file_name):
        first = p.reason.rsplit("line ", 1)[-1].rstrip(")")
        problems.append(ImportProblem(p.line, "agency_id", "duplicate_id", {"first": first}))
    for p in build.agency_problems(good, divisions, file_name, first_line=0):
        problems.append(
            ImportProblem(good_lines[p.line], p.column, "division", {"detail": p.reason})
        )
    for a, line in zip(good, good_lines, strict=True):
        if a.division_adcode and not a.division_adcode.startswith(PROVINCE_PREFIX):
            problems.append(
                ImportProblem(
                    line, "division_adcode", "outside_jiangsu", {"adcode": a.division_adcode}
                )
            )
    problems.sort(key=lambda p: (p.line, p.column))
    return ([] if problems else good), problems


# ---------------------------------------------------------------- snapshots on disk


def snapshot_file(paths: DataPaths, snapshot_id: str) -> Path:
    if not SNAPSHOT_ID.match(snapshot_id):
        raise ValueError(f"not a snapshot id: {snapshot_id!r}")
    return paths.snapshots / f"{snapshot_id}.parquet"


def list_snapshots(paths: DataPaths) -> list[Snapshot]:
    """Imported snapshots the manifest lists and whose file exists, oldest first."""
    manifest = paths.snapshots / MANIFEST
    if not manifest.exists():
        return []
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))["snapshots"]
        snaps = [Snapshot(**e) for e in entries]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    valid = [s for s in snaps if SNAPSHOT_ID.match(s.snapshot_id)]
    return [s for s in valid if snapshot_file(paths, s.snapshot_id).exists()]


def snapshot_ids(paths: DataPaths) -> list[str]:
    """The seed first, then imports oldest to newest (the last is the latest)."""
    return [SEED_SNAPSHOT, *(s.snapshot_id for s in list_snapshots(paths))]


def _write_text_atomic(text: str, target: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        Path(tmp).replace(target)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _new_id(paths: DataPaths, now: datetime) -> str:
    base = f"import-{now:%Y%m%d-%H%M%S}"
    taken = {s.snapshot_id for s in list_snapshots(paths)}
    candidate, n = base, 1
    while candidate in taken or (paths.snapshots / f"{candidate}.parquet").exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def import_roster(
    paths: DataPaths,
    data: bytes,
    file_name: str,
    note: str = "",
    now: datetime | None = None,
) -> ImportResult:
    """Validate the file; when every row is valid, write it as a new snapshot."""
    now = now or datetime.now()
    snapshot_id = _new_id(paths, now)
    agencies, problems = validate(data, file_name, load_divisions(paths), snapshot_id)
    if problems:
        return ImportResult(None, problems)
    paths.snapshots.mkdir(parents=True, exist_ok=True)
    build.write_atomic(
        build.arrow_table(Agency, agencies),  # type: ignore[arg-type]
        snapshot_file(paths, snapshot_id),
    )
    snap = Snapshot(
        snapshot_id,
        now.isoformat(timespec="seconds"),
        Path(file_name).name or "roster",
        len(agencies),
        note.strip()[:500],
    )
    entries = [asdict(s) for s in list_snapshots(paths)] + [asdict(snap)]
    _write_text_atomic(
        json.dumps({"snapshots": entries}, ensure_ascii=False, indent=1),
        paths.snapshots / MANIFEST,
    )
    return ImportResult(snap, [])


# ---------------------------------------------------------------- showing results


def message(problem: ImportProblem, t: Callable[..., str]) -> str:
    return t(f"importer.problem_{problem.code}", **problem.params)


def problems_frame(problems: list[ImportProblem], t: Callable[..., str]) -> pd.DataFrame:
    """The validation report: one row per problem, with row and column, to show and download."""
    return pd.DataFrame(
        {
            t("importer.col_row"): [p.line if p.line else "" for p in problems],
            t("importer.col_column"): [p.column for p in problems],
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


CHANGE_KINDS = ("added", "removed", "rehosted", "nature_changed")
