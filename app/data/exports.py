"""One way to turn any table into a download or a file: CSV, XLSX, Parquet or JSON.

A writer takes a table in pieces (DataFrames, or the Arrow batches user SQL streams), so
the command line writes a large result without holding it, and the bytes are the same
whether they go to standard output, a file or a download button. CSV carries a UTF-8
BOM and CRLF line ends so Excel shows Chinese and a cell holding a bare CR stays one
cell; CSV and XLSX text cells *and headers* that a spreadsheet would run as a formula
are neutralised (OWASP CSV injection, app.data.export_cells); numbers stay numbers; JSON
writes DECIMAL as a number.
"""

from __future__ import annotations

import io
import math
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import xlsxwriter

from app.data.export_cells import neutralise, neutralised, plain

BOM = "\ufeff".encode()


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    mime: str


FORMATS = {
    "csv": Format("csv", "csv", "text/csv"),
    "xlsx": Format(
        "xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    "parquet": Format("parquet", "parquet", "application/vnd.apache.parquet"),
    "json": Format("json", "json", "application/json"),
}


class Writer:
    """A table written in pieces, then closed (columns: the header when nothing came)."""

    def write(self, frame: pd.DataFrame) -> None:
        raise NotImplementedError

    def write_batch(self, batch: pa.RecordBatch) -> None:
        self.write(batch.to_pandas())

    def close(self, columns: list[str]) -> None:
        raise NotImplementedError


class _CsvWriter(Writer):
    def __init__(self, sink: BinaryIO) -> None:
        self.sink, self.started = sink, False

    def write(self, frame: pd.DataFrame) -> None:
        # CRLF line ends (RFC 4180) also make the writer quote a cell holding a bare CR
        text = neutralised(plain(frame)).to_csv(
            index=False, header=not self.started, lineterminator="\r\n"
        )
        self.sink.write((b"" if self.started else BOM) + text.encode("utf-8"))
        self.started = True

    def close(self, columns: list[str]) -> None:
        if not self.started:
            self.write(pd.DataFrame(columns=columns))


class _JsonWriter(Writer):
    def __init__(self, sink: BinaryIO) -> None:
        self.sink, self.rows = sink, 0

    def write(self, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        lines = plain(frame).to_json(
            orient="records", lines=True, force_ascii=False, date_format="iso"
        )
        for line in lines.split("\n"):  # JSON escapes newlines inside strings
            if line:
                self.sink.write(("[\n" if not self.rows else ",\n").encode() + line.encode())
                self.rows += 1

    def close(self, columns: list[str]) -> None:
        self.sink.write(b"\n]\n" if self.rows else b"[]\n")


class _ParquetWriter(Writer):
    def __init__(self, sink: BinaryIO) -> None:
        self.sink, self.writer = sink, None

    def write(self, frame: pd.DataFrame) -> None:
        self._table(pa.Table.from_pandas(plain(frame), preserve_index=False))

    def write_batch(self, batch: pa.RecordBatch) -> None:
        self._table(pa.Table.from_batches([batch]))

    def _table(self, table: pa.Table) -> None:
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.sink, table.schema)
        self.writer.write_table(table.cast(self.writer.schema))

    def close(self, columns: list[str]) -> None:
        if self.writer is None:
            self.write(pd.DataFrame(columns=columns))
        assert self.writer is not None
        self.writer.close()


class _XlsxWriter(Writer):
    """Rows go straight to the sheet (xlsxwriter's constant-memory mode)."""

    def __init__(self, sink: BinaryIO, sheet: str = "data") -> None:
        # a zip written to a pipe differs (data descriptors): build it seekable, then copy
        self.target = sink
        self.buffer = sink if sink.seekable() else tempfile.TemporaryFile()  # noqa: SIM115 - closed in finish()
        options = {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        }
        self.book = xlsxwriter.Workbook(self.buffer, options)
        # a fixed creation date: the same rows give the same bytes (file, stdout, download)
        self.book.set_properties({"created": datetime(2000, 1, 1)})
        self.when = self.book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        self.sheet, self.row = None, 0
        self.add_sheet(sheet)

    def add_sheet(self, name: str) -> None:
        self.sheet, self.row = self.book.add_worksheet(name[:31]), 0

    def write(self, frame: pd.DataFrame) -> None:
        frame = plain(frame)
        if self.row == 0:
            self._row([str(neutralise(c)) for c in frame.columns])
        cells = frame.astype(object).where(frame.notna(), None)
        for values in cells.itertuples(index=False, name=None):
            self._row(values)

    def _row(self, values: Iterable[object]) -> None:
        assert self.sheet is not None
        for col, value in enumerate(values):
            if value is None or (isinstance(value, float) and not math.isfinite(value)):
                continue
            if isinstance(value, bool | np.bool_):
                self.sheet.write_boolean(self.row, col, bool(value))
            elif isinstance(value, int | float | np.integer | np.floating):
                self.sheet.write_number(self.row, col, float(value))
            elif isinstance(value, date) and getattr(value, "tzinfo", None) is None:
                self.sheet.write_datetime(self.row, col, value, self.when)
            else:
                self.sheet.write_string(self.row, col, str(neutralise(str(value))))
        self.row += 1

    def close(self, columns: list[str]) -> None:
        if self.row == 0:
            self.write(pd.DataFrame(columns=columns))
        self.finish()

    def finish(self) -> None:
        self.book.close()
        if self.buffer is not self.target:
            self.buffer.seek(0)
            shutil.copyfileobj(self.buffer, self.target)
            self.buffer.close()


def writer(fmt: str, sink: BinaryIO, sheet: str = "data") -> Writer:
    """A writer of FORMATS[fmt] into sink (a binary file, standard output or a buffer)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "xlsx":
        return _XlsxWriter(sink, sheet)
    return {"csv": _CsvWriter, "json": _JsonWriter, "parquet": _ParquetWriter}[fmt](sink)


def to_bytes(frame: pd.DataFrame, fmt: str, sheet: str = "data") -> bytes:
    """Serialise a frame in one of FORMATS."""
    buf = io.BytesIO()
    out = writer(fmt, buf, sheet)
    out.write(frame)
    out.close([str(c) for c in frame.columns])
    return buf.getvalue()


def sheets_to_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One workbook with a sheet per frame (neutralised like to_bytes' XLSX)."""
    buf = io.BytesIO()
    names = list(sheets)
    book = _XlsxWriter(buf, names[0] if names else "data")
    for i, (name, frame) in enumerate(sheets.items()):
        if i:
            book.add_sheet(name)
        book.write(frame)
    book.finish()
    return buf.getvalue()


def file_name(what: str, fmt: str, when: datetime | None = None) -> str:
    """e.g. v_county_host-2026-11-27T0930.csv: says what and when."""
    stamp = (when or datetime.now()).strftime("%Y-%m-%dT%H%M")
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in what).strip("_") or "result"
    return f"{safe}-{stamp}.{FORMATS[fmt].extension}"
