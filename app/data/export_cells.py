"""What a table's cells become in an exported file (app.data.exports writes them).

Text that a spreadsheet would run as a formula, in a cell or a header, is neutralised
with a leading ' (OWASP CSV injection); query results' Python objects become something
every format can write: DECIMAL a float, a LIST or STRUCT its JSON text.
"""

from __future__ import annotations

import json
from decimal import Decimal

import numpy as np
import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix a text cell that starts like a formula with ' so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with formula-like text cells and column names neutralised."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    out.columns = [str(neutralise(str(c))) for c in out.columns]
    return out


def _nested(value: object) -> bool:
    return isinstance(value, list | dict | tuple | np.ndarray)


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Query results hold Python objects (DECIMAL -> Decimal, LIST -> list or array): make
    each column something every format can write, keeping numbers numbers."""
    out = frame.copy()
    out.columns = [str(c) for c in out.columns]
    for col in out.columns:
        if out[col].dtype != object:
            continue
        values = out[col].dropna()
        if len(values) and all(isinstance(v, Decimal) for v in values):
            out[col] = out[col].map(lambda v: None if v is None else float(v)).astype("float64")
        elif any(_nested(v) for v in values):
            out[col] = out[col].map(
                lambda v: (
                    json.dumps(_listed(v), ensure_ascii=False, default=str) if _nested(v) else v
                )
            )
    return out


def _listed(value: object) -> object:
    if isinstance(value, np.ndarray):
        return [_listed(v) for v in value.tolist()]
    if isinstance(value, list | tuple):
        return [_listed(v) for v in value]
    return value
