"""Overview: the headline figures, the province-level agency, the as-of note."""

import streamlit as st

from app.core import checks, i18n, md, overview
from app.ui import check_status, locale, session, since, snapshots, widgets

t = locale.current_translator()
lang = locale.current_language()
snapshot = snapshots.chosen_snapshot()

st.title(t("app.title"))
st.caption(t("app.subtitle"))
st.info(t("app.as_of"), icon=":material/history:")
st.write(t("overview.intro", **overview.unit_counts(session.view("v_level_metrics", snapshot))))

figures = session.view("v_reported_vs_computed", snapshot)
for column, h in zip(st.columns(len(overview.HEADLINES)), overview.headlines(figures), strict=True):
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

centre = overview.province_centre(session.view("v_agencies", snapshot))
rank = t(f"overview.rank_{centre['rank']}") if centre["rank"] else t("app.unknown")
with st.container(border=True):
    st.subheader(t("overview.centre_title"))
    facts = {
        t("overview.centre_name"): i18n.column(centre, "name", lang),
        t("overview.centre_nature"): session.label("nature", centre["nature"], lang),
        t("overview.centre_host"): session.label("host", centre["host"], lang),
        t("overview.centre_rank"): rank,
    }
    for column, (name, value) in zip(st.columns(len(facts)), facts.items(), strict=True):
        column.caption(name)
        column.markdown(f"**{md.escape(value)}**")  # an imported roster names the agency
    widgets.source_popover(t, centre["source_ref"], centre["excerpt"])

check_status.lines(t, figures)
since.section(t, lang, key="overview_since")
