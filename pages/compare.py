"""Comparison: Jiangsu beside a classified peer, point by point along the gap dimensions."""

import streamlit as st

from app.core import compare, md, structure
from app.ui import locale, session, url, widgets

t = locale.current_translator()
lang = locale.current_language()

st.title(t("compare.title"))
st.caption(t("compare.intro"))
st.info(t("app.as_of"), icon=":material/history:")

models = session.view("v_province_models")
names = structure.division_names(session.view("divisions"), lang)
choices = compare.peers(models)
url.check_choice(t, "peer", [names.get(c, c) for c in choices])
peer = st.selectbox(
    t("compare.peer"),
    choices,
    index=choices.index(compare.valid_peer(None, choices)),
    format_func=lambda code: names.get(code, code),
    key="peer",
    bind="query-params",
)
peer = compare.valid_peer(peer, choices)
points = compare.side_by_side(session.view("v_gap_statements"), peer, lang)
said_js, said_peer = compare.said_count(points)
st.caption(
    t(
        "compare.said",
        jiangsu=names[compare.JIANGSU],
        peer=names.get(peer, peer),
        a=said_js,
        b=said_peer,
        n=len(points),
    )
)

head_dim, head_js, head_peer = st.columns([1, 2, 2])
head_js.subheader(names[compare.JIANGSU])
head_peer.subheader(names.get(peer, peer))
for point in points:
    dim_col, js_col, peer_col = st.columns([1, 2, 2])
    dim_col.markdown(f"**{t(f'compare.dim.{point.dimension}')}**")
    for col, said, who in ((js_col, point.jiangsu, "jiangsu"), (peer_col, point.peer, "peer")):
        with col, st.container(border=True, key=f"compare_{point.dimension}_{who}"):
            if said is None:
                st.markdown(f":gray[{t('app.not_in_source')}]")
            else:
                st.markdown(md.escape(said.text))
                widgets.source_popover(t, said.source_ref, said.excerpt)
st.caption(t("compare.dimensions_note"))
