"""Download buttons for any table: CSV, XLSX, Parquet, JSON (app.data.exports makes the bytes)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from app.data import exports


def download_buttons(
    frame: pd.DataFrame,
    what: str,
    t: Callable[..., str],
    key: str | None = None,
    sheets: Mapping[str, pd.DataFrame] | None = None,
) -> None:
    """CSV / XLSX / Parquet / JSON buttons for any table (app.exports does the bytes).

    sheets: the workbook's sheets, the table's own first, when the XLSX carries more than
    the table (the workbench's "about" sheet). The bytes are made only when a button is
    clicked; clicking does not rerun the page."""

    def payload(fmt: str) -> bytes:
        if fmt == "xlsx" and sheets:
            return exports.sheets_to_xlsx(dict(sheets))
        return exports.to_bytes(frame, fmt)

    stem = key or what
    for column, fmt in zip(st.columns(len(exports.FORMATS)), exports.FORMATS, strict=True):
        with column:
            st.download_button(
                t(f"exports.{fmt}"),
                data=lambda fmt=fmt: payload(fmt),
                file_name=exports.file_name(what, fmt),
                mime=exports.FORMATS[fmt].mime,
                key=f"_dl_{stem}_{fmt}",
                on_click="ignore",
                icon=":material/download:",
                width="stretch",
            )
