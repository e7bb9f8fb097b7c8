"""Tables as every page draws them: a line in the reader's language instead of an empty
grid (the grid says "empty" in English), and a table whose picked row is shown in full
below it (a cell cuts long text)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

PICK_ONE = {
    "on_select": "rerun",
    "selection_mode": "single-row",
    "selection_default": {"selection": {"rows": [0]}},
}


def table(
    t: Callable[..., str],
    frame: pd.DataFrame,
    key: str,
    shown: object = None,
    empty: str = "app.no_rows",
    **kwargs: object,
) -> object:
    """st.dataframe of frame (or of `shown`, its styled form), or the catalogue line `empty`
    when there are no rows."""
    if frame.empty:
        st.caption(t(empty))
        return None
    return st.dataframe(frame if shown is None else shown, hide_index=True, key=key, **kwargs)


def pick_one(
    t: Callable[..., str], frame: pd.DataFrame, key: str, shown: object = None, **kwargs: object
) -> pd.Series | None:
    """A table with one picked row (the first until the reader picks another); that row,
    or None when there are no rows."""
    event = table(t, frame, key, shown, **PICK_ONE, **kwargs)
    if event is None:
        return None
    rows = getattr(getattr(event, "selection", None), "rows", None) or [0]
    return frame.iloc[min(int(rows[0]), len(frame) - 1)]
