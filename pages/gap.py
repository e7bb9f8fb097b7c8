"""Gap: coverage, host diversity and the same-host share per level, each with a plain reading
(the exact fraction in its tooltip) and what the source itself says about it; the app's own
reference point (an assumption, never the source's)."""

import streamlit as st

from app.core import finding, gap, md, metrics
from app.ui import figure_data, figure_rows, figures, links, locale, session, snapshots

t = locale.current_translator()
lang = locale.current_language()
snapshot = snapshots.chosen_snapshot()


def host_label(code: str | None) -> str:
    return session.label("host", code, lang)


def source_says(said: gap.SourceSays, key: str) -> None:
    """The source's words on one dimension (simplified Chinese, or the data's English), the
    traditional original one click away; or that the source says nothing about it."""
    if said.text is None or said.original is None:
        st.caption(t("gap.source_silent"))
        return
    where = finding.paragraphs_text(t, said.source_ref)
    st.caption(t("gap.source_says", where=md.escape(where), text=md.escape(said.text)))
    with st.popover(t("gap.original"), icon=":material/format_quote:", key=key):
        st.caption(t("gap.original_title", where=md.escape(where)))
        st.text(f"「{said.original}」")


st.title(t("gap.title"))
st.info(snapshots.as_of(t, snapshot), icon=":material/history:")
st.write(t("gap.intro"))
st.caption(t("gap.reference", **gap.reference_values()))
with st.popover(t("gap.definitions"), icon=":material/menu_book:"):
    st.markdown(t("gap.definitions_body"))

statements = session.view("metric_statements")
for _, row in session.view("v_level_metrics", snapshot).iterrows():
    level = metrics.from_view(row)
    with st.container(border=True):
        st.subheader(t(f"gap.level_{level.level}"))
        for column, r in zip(st.columns(4), gap.readings(level, host_label), strict=True):
            with column:
                st.metric(t(f"gap.metric_{r.metric}"), r.shown, help=t(r.help_key, **r.help_values))
                st.markdown(t("gap.no_data") if r.shown == "—" else t(r.key, **r.values))
        said_by_dimension = gap.source_says(statements, level.level, lang)
        for column, said in zip(st.columns(gap.DIMENSION_WIDTHS), said_by_dimension, strict=True):
            with column:
                source_says(said, f"gap_original_{level.level}_{said.dimension}")

st.subheader(t("gap.shares_title"))
distributions = {
    "city": session.view("v_city_host", snapshot),
    "county": session.view("v_county_host", snapshot),
}
level_names = {lv: t(f"gap.short_{lv}") for lv in distributions}
figure_data.chart(
    figures.host_shares(distributions, level_names, host_label, t("gap.shares_axis")),
    figure_rows.host_shares_data(distributions, level_names, host_label, lang, snapshot),
    key="gap_shares",
    config={"displaylogo": False},
)
st.page_link("pages/scenarios.py", label=t("gap.scenario_link"), icon=":material/tune:")

others = [t("gap.dimension_name", name=t(f"compare.dim.{d}")) for d in gap.UNMEASURED]
st.caption(t("gap.other_dimensions", dims=t("app.list_separator").join(others)))
links.page_link("pages/compare.py", t("compare.title"), ":material/compare_arrows:")
