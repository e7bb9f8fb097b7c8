"""Overview: the finding first (two computed sentences, a small chart and map, each linking
to its page), then the headline figures with their sources, the province-level agency and
the data-quality lines."""

import streamlit as st

from app.core import checks, finding, i18n, md, overview
from app.ui import (
    check_status,
    figure_data,
    figure_rows,
    figures,
    links,
    locale,
    session,
    since,
    snapshots,
    widgets,
)

# the chart and map side by side under the finding, visible at 1366x768; the chart's
# legend wraps into more rows at half width, English more than Chinese
SMALL_HEIGHT = 260
CHART_SIZE = {"zh": (SMALL_HEIGHT, 80), "en": (SMALL_HEIGHT + 20, 150)}  # height, legend room

t = locale.current_translator()
lang = locale.current_language()
snapshot = snapshots.chosen_snapshot()


def host_label(code: str | None) -> str:
    return session.label("host", code, lang)


st.title(t("app.title"))

hosts = {
    "city": session.view("v_city_host", snapshot),
    "county": session.view("v_county_host", snapshot),
}
levels = finding.levels(session.view("v_level_metrics", snapshot), hosts)
centre = overview.province_centre(session.view("v_agencies", snapshot))
with st.container(border=True, key="overview_finding"):
    st.markdown(finding.structure_sentence(t, levels, snapshot))
    st.markdown(
        finding.centre_sentence(
            t,
            levels,
            i18n.column(centre, "name", lang),
            centre["host"],
            host_label(centre["host"]),
            finding.where_said(t, centre["source_ref"]),
        )
    )
    st.caption(snapshots.as_of(t, snapshot), help=t("overview.finding_note"))

chart_col, map_col = st.columns(2)
with chart_col:
    st.markdown(f"**{t('overview.chart_title')}**")
    level_names = {lv: t(f"gap.short_{lv}") for lv in hosts}
    figure_data.chart(
        figures.host_shares(hosts, level_names, host_label, "", *CHART_SIZE[lang]),
        figure_rows.host_shares_data(hosts, level_names, host_label, lang, snapshot),
        key="overview_shares",
        config={"displaylogo": False},
    )
    links.page_link("pages/gap.py", t("overview.to_gap"), ":material/straighten:")
with map_col:
    st.markdown(f"**{t('overview.map_title')}**")
    figure_data.chart(
        figures.small_city_map(lang, SMALL_HEIGHT, snapshot),
        figure_rows.city_map_data(lang, "host", snapshot),
        key="overview_city_map",
        config=figures.chart_config(),
    )
    links.page_link("pages/structure.py", t("overview.to_structure"), ":material/account_tree:")

st.subheader(t("overview.figures_title"))
st.write(t("overview.intro", **overview.unit_counts(session.view("v_level_metrics", snapshot))))
figures_checked = session.view("v_reported_vs_computed", snapshot)
for column, h in zip(
    st.columns(len(overview.HEADLINES)), overview.headlines(figures_checked), strict=True
):
    with column, st.container(border=True):
        shown = h.value if h.value is not None else h.reported
        st.metric(t(f"overview.{h.key}"), shown)
        if h.status == "not_computable":
            st.caption(t("overview.stated_only"))
        elif h.status == "differs":
            st.warning(t("overview.differs", reported=h.reported))
        else:  # a match: say whether it confirms the source or only checks consistency
            st.caption(t(checks.match_note_key(h.status, h.basis)))
        widgets.source_popover(t, h.source_ref, h.excerpt)

rank = t(f"overview.rank_{centre['rank']}") if centre["rank"] else t("app.unknown")
with st.container(border=True):
    st.subheader(t("overview.centre_title"))
    facts = {
        t("overview.centre_name"): i18n.column(centre, "name", lang),
        t("overview.centre_nature"): session.label("nature", centre["nature"], lang),
        t("overview.centre_host"): host_label(centre["host"]),
        t("overview.centre_rank"): rank,
    }
    for column, (name, value) in zip(st.columns(len(facts)), facts.items(), strict=True):
        column.caption(name)
        column.markdown(f"**{md.escape(value)}**")  # an imported roster names the agency
    widgets.source_popover(t, centre["source_ref"], centre["excerpt"])

check_status.lines(t, figures_checked, lang)
since.section(t, lang, key="overview_since")
