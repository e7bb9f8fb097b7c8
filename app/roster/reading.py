"""Roster bytes -> header and rows: which columns a roster has, and reading them.

The file's type is told by its first bytes, never by its name. Reading is bounded (see
app.roster.caps): every refusal is an ImportProblem, never an exception.
"""

from __future__ import annotations

from app.core.errors import Term
from app.core.md import excerpt
from app.roster.caps import MAX_BYTES, MAX_BYTES_LABEL
from app.roster.csv_text import read_csv
from app.roster.problems import ImportProblem, problem, whole_file
from app.roster.xlsx import read_xlsx

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
ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0"  # the old binary .xls
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

Rows = list[tuple[int, dict[str, str]]]


def _header_problems(header: list[str]) -> list[ImportProblem]:
    problems: list[ImportProblem] = []
    known = (*IMPORT_COLUMNS, *OPTIONAL_COLUMNS, *IGNORED_COLUMNS)
    for col in IMPORT_COLUMNS:
        if col not in header:
            problems.append(problem(1, col, "missing_column"))
    for col in header:
        if col not in known:
            problems.append(
                problem(
                    1,
                    excerpt(col) or "(empty)",
                    "unknown_column",
                    expected=", ".join(IMPORT_COLUMNS),
                )
            )
    for col in sorted({c for c in header if header.count(c) > 1 and c}):
        problems.append(problem(1, excerpt(col), "duplicate_column"))
    return problems


def read_table(data: bytes) -> tuple[list[str], Rows, list[ImportProblem]]:
    """Header, (row number, cells) pairs and problems of reading, for CSV or XLSX bytes."""
    if not data:
        return [], [], [whole_file("empty_file")]
    if len(data) > MAX_BYTES:
        return [], [], [whole_file("too_big", size=len(data), cap=MAX_BYTES_LABEL)]
    if data.startswith(OLE):
        return [], [], [whole_file("xls_old")]
    if b"\x00" in data and not data.startswith((*UTF16_BOMS, ZIP)):
        return [], [], [whole_file("not_tabular", detail=Term("importer.kind_binary"))]
    grid = read_xlsx(data) if data.startswith(ZIP) else read_csv(data)
    if isinstance(grid, ImportProblem):
        return [], [], [grid]
    numbered = [(i + 1, row) for i, row in enumerate(grid) if row]
    if not numbered:
        return [], [], [whole_file("empty_file")]
    (_, raw_header), body = numbered[0], numbered[1:]
    header = [h.lower() for h in raw_header]
    problems = _header_problems(header)
    if problems:
        return header, [], problems
    if not body:
        return header, [], [whole_file("no_rows")]
    rows = []
    for line, cells in body:
        if len(cells) > len(header):
            problems.append(problem(line, "(row)", "extra_cells", n=len(header)))
            continue
        padded = [*cells, *[""] * (len(header) - len(cells))]
        rows.append((line, dict(zip(header, padded, strict=False))))
    return header, rows, problems
