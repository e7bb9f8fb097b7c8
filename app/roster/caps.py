"""The caps on what a roster file may hold, checked row by row while it is read.

A roster of Jiangsu has about 110 agencies in 8-15 columns of short text; the caps leave
room for a national roster (about 3,300 units) and then stop. Reading stops at the first
row that passes a cap, so a hostile file costs at most MAX_ROWS rows of work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from openpyxl.utils import get_column_letter

from app.core.md import excerpt
from app.roster.problems import ImportProblem, problem

MAX_BYTES = 2 * 1024 * 1024  # 2 MB as uploaded: a full roster is a few kB
MAX_BYTES_LABEL = "2 MB"
MAX_UNPACKED = 20 * 1024 * 1024  # an XLSX's members once unzipped (declared sizes)
MAX_UNPACKED_LABEL = "20 MB"
MAX_MEMBERS = 200  # files inside an XLSX: Excel writes about a dozen
MAX_ROWS = 5_000  # rows after the header, blank rows included
MAX_COLUMNS = 40  # the importer knows 15 column names
MAX_CELL = 500  # characters in one cell (names are capped tighter by app.models.Agency)

Grid = list[list[str]]


def cell(value: object) -> str:
    """A cell as the text a CSV would hold (320100.0 -> '320100'), stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _spills(raw: Sequence[object]) -> bool:
    """Whether any cell right of MAX_COLUMNS holds something (empty cells are padding)."""
    tail = raw[MAX_COLUMNS:]
    if tail.count(None) + tail.count("") == len(tail):  # the common case, at C speed
        return False
    return any(cell(v) for v in tail)


def bounded(rows: Iterable[Sequence[object]]) -> Grid | ImportProblem:
    """The rows as text, or the first cap a row passes (the rest is never read)."""
    grid: Grid = []
    header: list[str] | None = None
    for number, raw in enumerate(rows, start=1):
        if number > MAX_ROWS + 1:
            return problem(number, "(row)", "too_many_rows", max=MAX_ROWS)
        if len(raw) > MAX_COLUMNS and _spills(raw):
            return problem(number, "(row)", "too_many_columns", max=MAX_COLUMNS)
        cells = [cell(v) for v in raw[:MAX_COLUMNS]]
        while cells and not cells[-1]:
            cells.pop()  # spreadsheets pad rows with empty cells
        for i, text in enumerate(cells):
            if len(text) > MAX_CELL:
                return problem(
                    number,
                    _column(header, i),
                    "cell_too_long",
                    n=len(text),
                    max=MAX_CELL,
                    value=excerpt(text),
                )
        if header is None and cells:
            header = cells
        grid.append(cells)
    return grid


def _column(header: list[str] | None, i: int) -> str:
    """The column's name from the header, else its spreadsheet letter (A, B, ...)."""
    if header is None:
        return "(header)"
    if i < len(header) and header[i]:
        return excerpt(header[i].lower())
    return get_column_letter(i + 1)
