"""A styled table as st.dataframe sends it, its styles worked out once.

st.dataframe computes a pandas Styler's styles and translates them into cells in every
run (Styler._compute, Styler._translate: per cell, most of a small styled table's cost),
again for a cached table that never changes. `drawn(styler)` does both once and has the
Styler answer those two calls with the results. Streamlit takes only a Styler itself (it
checks the exact type), so the two methods are replaced on the instance, not subclassed.
The Styler must not be changed afterwards; its uuid (its CSS selectors) stays the same.

st.dataframe then writes each translated cell's display value over the table as text,
one assignment per column; a cell whose display value is already that text is left
unnamed, which it skips (the same values are sent, with less work).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

DRAWN_ARGS = (False, False)  # sparse_index, sparse_columns: what st.dataframe translates with
CELL_ID = re.compile(r"row(\d+)_col(\d+)")  # how st.dataframe reads a body cell's place


def drawn(styler: Styler) -> Styler:
    """styler, computed and translated now; st.dataframe then reuses both in every run."""
    styler._compute()
    translated = _unchanged_cells_unnamed(styler._translate(*DRAWN_ARGS), styler.data)

    def compute() -> Styler:
        return styler  # computed above: the styles are in styler.ctx

    def translate(*args: Any, **kwargs: Any) -> dict[str, Any]:
        if args == DRAWN_ARGS and not kwargs:
            return translated
        return Styler._translate(styler, *args, **kwargs)  # any other rendering, as usual

    styler._compute = compute  # type: ignore[method-assign]
    styler._translate = translate  # type: ignore[method-assign]
    return styler


def _unchanged_cells_unnamed(translated: dict[str, Any], data: pd.DataFrame) -> dict[str, Any]:
    """translated, its body cells whose display value equals the cell as text (the text
    st.dataframe starts from: data.astype(str)) without their id."""
    text = data.astype(str)
    body = []
    for row in translated.get("body", []):
        cells = []
        for cell in row:
            place = CELL_ID.match(str(cell.get("id") or ""))
            if place is not None and _unchanged(cell, text, *map(int, place.groups())):
                cell = {k: v for k, v in cell.items() if k != "id"}
            cells.append(cell)
        body.append(cells)
    return {**translated, "body": body}


def _unchanged(cell: dict[str, Any], text: pd.DataFrame, row: int, col: int) -> bool:
    shown = cell.get("display_value")
    if isinstance(shown, Enum):  # st.dataframe writes an Enum's value
        shown = shown.value
    current = text.iat[row, col]
    return isinstance(current, str) and str(shown) == current
