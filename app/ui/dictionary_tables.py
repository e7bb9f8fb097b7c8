"""The /dictionary page's tab choice (?tab=) and its tables that read at 1366 px: key
columns first, long text in a detail pane under the table (the row picked in it), codes
shown by their labels in the reader's language."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from app.core import checks, md
from app.core.chinese import simplified
from app.data import dictionary
from app.ui import drawn_styler, tables, url

TABS = ("objects", "sources", "figures", "confidence")  # ?tab= codes, the same in every language
TAB_KEY, TAB_PARAM = "dict_tab", "tab"
CONFIDENCES = ("stated", "derived", "unknown", "imported")


def tabs(t: Callable[..., str]) -> Sequence:
    """The four tabs, the one in ?tab= open. The URL holds the tab's code, not its label,
    so a link opens the same tab in either language; the first tab is the default."""
    labels = [t(f"dictionary.tab_{code}") for code in TABS]
    held = st.session_state.get(TAB_KEY)
    if held not in labels:  # first draw, or the language changed: the URL says which
        asked = st.query_params.get(TAB_PARAM)
        if asked in TABS:
            st.session_state[TAB_KEY] = labels[TABS.index(asked)]
        elif asked:
            url.notice(t, "permalink.bad_value", param=TAB_PARAM, value=asked)
    containers = st.tabs(labels, key=TAB_KEY, on_change="rerun")
    chosen = TABS[labels.index(st.session_state.get(TAB_KEY, labels[0]))]
    if chosen == TABS[0]:
        if TAB_PARAM in st.query_params:
            del st.query_params[TAB_PARAM]
    elif st.query_params.get(TAB_PARAM) != chosen:
        st.query_params[TAB_PARAM] = chosen
    return containers


def figures(t: Callable[..., str], lang: str, view: pd.DataFrame) -> pd.DataFrame:
    """v_reported_vs_computed for reading: a flag, the figure in the reader's words (the
    source's own words in simplified characters in Chinese), status and basis as labels."""
    frame = dictionary.flag_differences(view)
    words = frame["excerpt"].map(simplified) if lang == "zh" else frame["scope"]
    return frame.assign(
        figure=words,
        status_label=frame["status"].map(lambda s: t(f"dictionary.status_{s}")),
        basis_label=frame["basis"].map(lambda b: t(f"dictionary.basis_{b}")),
    )


FIGURE_COLUMNS = ("flag", "figure", "reported", "computed", "status_label", "basis_label")


def tint_differences(frame: pd.DataFrame) -> pd.DataFrame:
    """Each cell's style: the rows of a figure that differs tinted. One call for the whole
    table (a call per row cost more than drawing the rest of the figures tab)."""
    css = frame["status"].map(lambda s: "background-color: #fde2e1" if s == "differs" else "")
    return pd.DataFrame({column: css for column in frame.columns}, index=frame.index)


def styled_figures(frame: pd.DataFrame) -> Styler:
    """The figures table (figures()) with its differing rows tinted, styled once
    (app.ui.drawn_styler): a table cached and shared, never changed."""
    return drawn_styler.drawn(frame.style.apply(tint_differences, axis=None))


def figures_table(t: Callable[..., str], frame: pd.DataFrame, styled: Styler) -> None:
    """Key columns first (figure, reported, computed, status, basis), ids and the source's
    words after them; the picked row's full text below. styled: styled_figures(frame)."""
    row = tables.pick_one(
        t,
        frame,
        "dict_figures",
        styled,
        column_order=[*FIGURE_COLUMNS, "figure_id", "source_ref"],
        column_config={
            "flag": st.column_config.TextColumn("", width=32),
            "figure": st.column_config.TextColumn(t("dictionary.col_figure"), width=310),
            "reported": st.column_config.NumberColumn(t("dictionary.col_reported"), width=80),
            "computed": st.column_config.NumberColumn(
                t("dictionary.col_computed"), width=80, format="%d"
            ),
            "status_label": st.column_config.TextColumn(t("dictionary.col_status"), width=120),
            "basis_label": st.column_config.TextColumn(t("dictionary.col_basis"), width=150),
            "figure_id": st.column_config.TextColumn(t("dictionary.col_figure_id")),
            "source_ref": st.column_config.TextColumn(t("dictionary.col_source_ref")),
        },
        placeholder="–",
    )
    if row is None:
        return
    with st.container(border=True, key="dict_figure_detail"):
        st.markdown(f"**{md.escape(row['figure'])}**")
        computed = "–" if pd.isna(row["computed"]) else f"{int(row['computed'])}"
        st.markdown(
            md.escape(
                t(
                    "dictionary.figure_detail",
                    reported=row["reported"],
                    computed=computed,
                    note=t(checks.match_note_key(row["status"], row["basis"])),
                )
            )
        )
        st.caption(md.escape(f"{row['figure_id']} · {row['source_ref']}"))
        st.caption(md.escape(t("dictionary.original", text=row["excerpt"])))


def described_columns(t: Callable[..., str], columns: pd.DataFrame, key: str) -> None:
    """An object's columns (column, type, description); the picked column's whole
    description below the table (a cell cuts a long one)."""
    row = tables.pick_one(
        t,
        columns,
        key,
        column_config={
            "column": st.column_config.TextColumn(t("dictionary.col_column"), width="medium"),
            "type": st.column_config.TextColumn(t("dictionary.col_type"), width="small"),
            "description": st.column_config.TextColumn(
                t("dictionary.col_description"), width="large"
            ),
        },
    )
    if row is None:
        return
    with st.container(border=True, key=f"{key}_detail"):
        st.markdown(f"**{md.escape(row['column'])}** · `{row['type']}`")
        st.markdown(md.escape(row["description"]))


def confidence_labels(t: Callable[..., str]) -> dict[str, str]:
    """Column headers for the confidence levels, in the reader's language."""
    return {c: t(f"claims.confidence_{c}") for c in CONFIDENCES}
