"""The /workbench page's parts below the editor: the parameter inputs of a query, and a
result (its row count, the label columns when asked, the table and its downloads, the
XLSX with an "about" sheet)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from app.core import md
from app.data import result_labels, workbench
from app.ui import downloads, session, url
from app.ui.locale import when
from app.ui.snapshots import snapshot_name

CONFIDENCES = ("stated", "derived", "unknown", "imported")


def parameter_inputs(t: Callable[..., str], params: tuple[workbench.Param, ...]) -> dict:
    """One input per $name of the query, each bound to ?p_<name>=; their values."""
    values: dict[str, object] = {}
    if not params:
        return values
    st.caption(t("workbench.params"))
    for column, p in zip(st.columns(min(len(params), 3)) * len(params), params, strict=False):
        label = md.escape(f"${p.name} ({p.type})")  # a label is Markdown: $ starts maths
        key = f"p_{p.name}"
        try:
            default = workbench.coerce(p, p.default)
        except workbench.BadParameter:
            default = workbench.coerce(p, "") if p.type in ("text", "bool") else 0
        if p.type == "bool":
            url.check_flag(t, key)
        with column:
            if p.type in ("int", "float"):  # bounded; a bad default or URL value: 0
                values[p.name] = url.number_input(t, label, key, p.type, p.default)
            elif p.type == "bool":
                values[p.name] = st.checkbox(
                    label, value=bool(default), key=key, bind="query-params"
                )
            else:
                values[p.name] = st.text_input(
                    label, value=str(default), key=key, bind="query-params", max_chars=200
                )
    return values


def labelled(frame: pd.DataFrame, t: Callable[..., str], lang: str) -> pd.DataFrame:
    """The result with a label column after each code column, in the reader's language."""
    confidence = {c: t(f"claims.confidence_{c}") for c in CONFIDENCES}
    maps = result_labels.label_maps(
        session.view("codes"), session.view("divisions"), lang, {"confidence": confidence}
    )
    return result_labels.with_labels(frame, maps)


def about(t: Callable[..., str], lang: str, outcome: dict, frame: pd.DataFrame) -> pd.DataFrame:
    sources = session.view("sources")
    citation = sources["citation" if lang == "zh" else "citation_en"]
    return workbench.about(
        t,
        str(outcome["sql"] or ""),
        dict(outcome["values"]),
        snapshot_name(t, str(outcome["snapshot"]), markdown=False),
        when(outcome["ran_at"]),
        frame,
        dict(zip(sources["source_ref"], citation, strict=True)),
    )


def show(t: Callable[..., str], lang: str, outcome: dict, labels: bool, name: str) -> None:
    """A run's rows: the count, a truncation warning, the table (or a line when it is
    empty) and the downloads; label columns when `labels` is on (downloaded as shown)."""
    frame = outcome["frame"]
    if labels:
        frame = labelled(frame, t, lang)
    shown = frame.head(workbench.MAX_DISPLAY_ROWS)
    st.caption(
        t(
            "workbench.result_rows",
            n=len(frame),
            shown=len(shown),
            s=f"{outcome['seconds']:.2f}",
            snapshot=snapshot_name(t, str(outcome["snapshot"])),
        )
    )
    if outcome["truncated"]:
        cap = f"{workbench.LIMITS.max_bytes // 2**20} MB"
        which = f"workbench.truncated_{outcome['truncated']}"
        st.warning(t(which, n=len(frame), cap=cap))
    if frame.empty:  # the grid would say "empty" in English
        st.info(t("workbench.no_rows"), icon=":material/filter_alt_off:")
    else:
        st.dataframe(shown, hide_index=True, key="wb_table")
    sheets = {
        t("workbench.sheet_result"): frame,
        t("workbench.sheet_about"): about(t, lang, outcome, frame),
    }
    downloads.download_buttons(frame, name, t, key="wb", sheets=sheets)
