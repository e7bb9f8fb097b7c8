"""One way to turn any table into a download: CSV, XLSX, Parquet or JSON.

CSV carries a UTF-8 BOM so Excel shows Chinese; CSV and XLSX text cells that a
spreadsheet would run as a formula are neutralised (OWASP CSV injection); numbers stay
numbers.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def neutralise(value: object) -> object:
    """Prefix a text cell that starts like a formula with ' so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Query results hold Python objects (DECIMAL -> Decimal, LIST -> list): make each
    column something every format can write, keeping numbers numbers."""
    out = frame.copy()
    out.columns = [str(c) for c in out.columns]
    for col in out.columns:
        if out[col].dtype != object:
            continue
        values = out[col].dropna()
        if len(values) and all(isinstance(v, Decimal) for v in values):
            out[col] = out[col].map(lambda v: None if v is None else float(v)).astype("float64")
        elif any(isinstance(v, (list, dict, tuple)) for v in values):
            out[col] = out[col].map(
                lambda v: v if v is None else json.dumps(v, ensure_ascii=False, default=str)
            )
    return out


def _sheet_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """XLSX has no time zones and no nested values: write those as text."""
    out = neutralised(frame)
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].astype(str)
        elif out[col].dtype == object:
            out[col] = out[col].map(
                lambda v: v if v is None or isinstance(v, (str, int, float, bool)) else str(v)
            )
    return out


def sheets_to_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One workbook with a sheet per frame (neutralised like to_bytes' XLSX)."""
    buf = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buf, engine="xlsxwriter", engine_kwargs={"options": options}) as xl:
        for name, frame in sheets.items():
            _sheet_cells(_plain(frame)).to_excel(xl, sheet_name=name[:31], index=False)
    return buf.getvalue()


def to_bytes(frame: pd.DataFrame, fmt: str, sheet: str = "data") -> bytes:
    """Serialise a frame in one of FORMATS."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    frame = _plain(frame)
    buf = io.BytesIO()
    if fmt == "csv":
        # CRLF line ends (RFC 4180) also make the writer quote a cell holding a bare CR
        text = neutralised(frame).to_csv(index=False, lineterminator="\r\n")
        buf.write(text.encode("utf-8-sig"))
    elif fmt == "xlsx":
        return sheets_to_xlsx({sheet: frame})
    elif fmt == "parquet":
        frame.to_parquet(buf, index=False)
    else:
        text = frame.to_json(orient="records", force_ascii=False, indent=1, date_format="iso")
        buf.write(text.encode("utf-8"))
    return buf.getvalue()


def file_name(what: str, fmt: str, when: datetime | None = None) -> str:
    """e.g. v_county_host-2026-11-27T0930.csv: says what and when."""
    stamp = (when or datetime.now()).strftime("%Y-%m-%dT%H%M")
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in what).strip("_") or "result"
    return f"{safe}-{stamp}.{FORMATS[fmt].extension}"
