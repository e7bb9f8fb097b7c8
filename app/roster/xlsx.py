"""XLSX bytes -> rows: measure the zip before openpyxl parses anything, then stream.

An XLSX is a zip of XML, and XML compresses a thousandfold: a 1.4 MB upload can unpack to
gigabytes of rows, or to one 300 MB shared string that openpyxl loads whole. So the zip's
directory is read first and the file refused when its members declare more than
MAX_UNPACKED bytes (zipfile stops each member at its declared size and fails its CRC if
the directory lied). Then the sheet's declared dimensions are checked, and rows are
read one at a time under the caps (app.roster.caps.bounded), ignoring the declaration.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from app.roster.caps import (
    MAX_COLUMNS,
    MAX_MEMBERS,
    MAX_ROWS,
    MAX_UNPACKED,
    MAX_UNPACKED_LABEL,
    Grid,
    bounded,
)
from app.roster.problems import ImportProblem, whole_file

SHEET = "agencies"  # the template's sheet; otherwise the first sheet is read
_UNREADABLE = (
    AttributeError,  # e.g. a chart sheet where a worksheet was expected
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    InvalidFileException,
    NotImplementedError,  # a compression method zipfile does not know
    zlib.error,
    EOFError,
    IndexError,
    KeyError,
    ValueError,
    TypeError,
    OSError,
    ParseError,
)


def _unpacked_problem(data: bytes) -> ImportProblem | None:
    """Refuse a zip whose members declare too much content, before anything is inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except _UNREADABLE:
        return whole_file("not_tabular", detail="XLSX")
    if len(members) > MAX_MEMBERS:
        return whole_file("xlsx_members", n=len(members), max=MAX_MEMBERS)
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        return whole_file(
            "xlsx_unpacked", size=f"{total / 1024 / 1024:,.0f} MB", cap=MAX_UNPACKED_LABEL
        )
    return None


def read_xlsx(data: bytes) -> Grid | ImportProblem:
    problem = _unpacked_problem(data)
    if problem:
        return problem
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _UNREADABLE:
        return whole_file("not_tabular", detail="XLSX")
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        rows, columns = sheet.max_row or 0, sheet.max_column or 0  # when declared
        if rows > MAX_ROWS + 1:
            return whole_file("too_many_rows", max=MAX_ROWS)
        if columns > MAX_COLUMNS:
            return whole_file("too_many_columns", max=MAX_COLUMNS)
        sheet.reset_dimensions()  # read what is there, not what the file declares
        return bounded(sheet.iter_rows(values_only=True))
    except _UNREADABLE:
        return whole_file("not_tabular", detail="XLSX")
    finally:
        book.close()
