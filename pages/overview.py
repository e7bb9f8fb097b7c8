"""Overview: the headline figures, the province-level agency, the as-of note."""

import streamlit as st

from app import ui
from app.core import md, overview

t = ui.current_translator()
lang = ui.current_language()
snapshot = ui.chosen_snapshot()

st.title(t("app.title"))
st.caption(t("app.subtitle"))
st.info(t("app.as_of"), icon=":material/history:")
st.write(t("overview.intro"))

figures = ui.view("v_reported_vs_computed", snapshot)
for column, h in zip(st.columns(len(overview.HEADLINES)), overview.headlines(figures), strict=True):
    with column, st.container(border=True):
        shown = h.value if h.value is not None else h.reported
        st.metric(t(f"overview.{h.key}"), shown)
        if h.status == "not_computable":
            st.caption(t("overview.stated_only"))
        elif h.status == "differs":
            st.warning(t("overview.differs", reported=h.reported))
        ui.source_popover(t, h.source_ref, h.excerpt)

centre = overview.province_centre(ui.view("v_agencies", snapshot))
rank = t(f"overview.rank_{centre['rank']}") if centre["rank"] else t("app.unknown")
with st.container(border=True):
    st.subheader(t("overview.centre_title"))
    facts = {
        t("overview.centre_name"): centre["name_zh"] if lang == "zh" else centre["name_en"],
        t("overview.centre_nature"): ui.label("nature", centre["nature"], lang),
        t("overview.centre_host"): ui.label("host", centre["host"], lang),
        t("overview.centre_rank"): rank,
    }
    for column, (name, value) in zip(st.columns(len(facts)), facts.items(), strict=True):
        column.caption(name)
        column.markdown(f"**{md.escape(value)}**")  # an imported roster names the agency
    ui.source_popover(t, centre["source_ref"], centre["excerpt"])

differs = figures[figures["status"] == "differs"]
if len(differs):
    st.error(t("overview.figures_differ", n=len(differs), names=", ".join(differs["figure_id"])))
else:
    st.success(t("overview.figures_match", n=int((figures["status"] == "match").sum())))
