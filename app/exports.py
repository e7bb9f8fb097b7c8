"""One way to turn any table into a download: CSV, XLSX, Parquet or JSON.

CSV carries a UTF-8 BOM so Excel shows Chinese; CSV and XLSX text cells that a
spreadsheet would run as a formula are neutralised (OWASP CSV injection); numbers stay
numbers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

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


def to_bytes(frame: pd.DataFrame, fmt: str, sheet: str = "data") -> bytes:
    """Serialise a frame in one of FORMATS."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    buf = io.BytesIO()
    if fmt == "csv":
        buf.write(neutralised(frame).to_csv(index=False).encode("utf-8-sig"))
    elif fmt == "xlsx":
        options = {"strings_to_formulas": False, "strings_to_urls": False}
        with pd.ExcelWriter(buf, engine="xlsxwriter", engine_kwargs={"options": options}) as xl:
            neutralised(frame).to_excel(xl, sheet_name=sheet[:31], index=False)
    elif fmt == "parquet":
        frame.to_parquet(buf, index=False)
    else:
        buf.write(frame.to_json(orient="records", force_ascii=False, indent=1).encode("utf-8"))
    return buf.getvalue()


def file_name(what: str, fmt: str, when: datetime | None = None) -> str:
    """e.g. v_county_host-2026-11-27T0930.csv: says what and when."""
    stamp = (when or datetime.now()).strftime("%Y-%m-%dT%H%M")
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in what).strip("_") or "result"
    return f"{safe}-{stamp}.{FORMATS[fmt].extension}"
