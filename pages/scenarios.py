"""Scenarios: build a reform from steps, see before and after, save, reopen, compare, export."""

import streamlit as st

from app.core.metrics import METRICS
from app.scenarios import form, results_form, step_form, store, wording
from app.scenarios.model import NAME_MAX, NOTE_MAX
from app.ui import auth, figure_data, locale, snapshots, url

t = locale.current_translator()
lang = locale.current_language()
snapshot = snapshots.chosen_snapshot()
form.start()
labels = form.labels(lang)

st.title(t("scenarios.title"))
st.info(snapshots.as_of(t, snapshot), icon=":material/history:")
st.write(t("scenarios.intro"))
st.caption(t("scenarios.never_changes_source"))

saved = store.saved()
editor = auth.current_actor().can("scenario")  # save and delete are drawn for editors only
names = saved["name"].tolist()
top_left, top_right = st.columns([3, 2])
with top_right, st.container(border=True):
    url.check_choice(t, form.CHOSEN, names)
    chosen = st.selectbox(
        t("scenarios.open"),
        options=names,
        index=None,
        placeholder=t("scenarios.open_placeholder") if names else t("scenarios.none_saved"),
        key=form.CHOSEN,
        bind="query-params",
    )
    form.open_chosen(t, chosen)
    if chosen:
        row = saved[saved["name"] == chosen].iloc[0]
        st.caption(wording.saved_meta(t, row, locale.when))
        if editor:
            st.button(
                t("scenarios.delete"),
                key="sc_delete",
                on_click=form.on_delete,
                icon=":material/delete:",
            )
with top_left:
    st.text_input(t("scenarios.name"), key=form.NAME, max_chars=NAME_MAX)
    st.text_area(t("scenarios.note"), key=form.NOTE, max_chars=NOTE_MAX, height=68)
form.show_flash(t)
result, problem = form.current_outcome(snapshot)

st.subheader(t("scenarios.presets"))
county = results_form.base(
    snapshot
).county  # the fill preset's help says what the preset will create
p1, p2, p3 = st.columns(3)
for column, which in ((p1, "model"), (p2, "fill")):
    column.button(
        t(f"scenarios.preset_{which}"),
        key=f"sc_preset_{which}",
        on_click=form.on_preset,
        args=(which,),
        help=t(
            f"scenarios.preset_{which}_help",
            without=county.units_without,
            units=county.coverage.denominator,
        ),
        use_container_width=True,
    )
p3.button(t("scenarios.clear"), key="sc_clear", on_click=form.on_clear, use_container_width=True)

step_form.draw(t, labels, result)

st.subheader(t("scenarios.steps"))
steps = st.session_state[form.STEPS]
if not steps:
    st.caption(t("scenarios.no_steps"))
for i, step in enumerate(steps):
    affected = result.applied.affected[i] if i < len(result.applied.affected) else 0
    left, right = st.columns([12, 1])
    left.text(f"{i + 1}. {wording.describe(step, affected, t, labels)}")
    right.button(
        "✕", key=f"sc_remove_{i}", on_click=form.on_remove, args=(i,), help=t("scenarios.remove")
    )
if problem:
    st.error(form.message(t, problem))

st.subheader(t("scenarios.before_after"))
centre_before, centre_after = (
    wording.centre(c, labels) for c in (result.centre_before, result.centre_after)
)
st.caption(t("scenarios.centre_line", before=centre_before, after=centre_after))
for b, a in zip(result.before.metrics, result.after.metrics, strict=True):
    with st.container(border=True):
        st.markdown(f"**{t(f'gap.level_{b.level}')}**")
        for column, metric in zip(st.columns(4), METRICS, strict=True):
            card = wording.card(metric, getattr(b, metric), getattr(a, metric), t)
            column.metric(card.label, card.value, delta=card.delta, delta_color=card.delta_color)
            column.caption(card.exact)
        figure, rows = results_form.chart_and_rows(
            t, labels.host, result.host_rows(b.level), lang, b.level
        )
        figure_data.chart(figure, rows, key=f"sc_chart_{b.level}", config={"displaylogo": False})

st.subheader(t("scenarios.save_export"))
if not editor:
    auth.offer(t, "scenario")  # the note: why there is no save, and what would allow it
s1, s2, s3, s4 = st.columns([1, 1, 1, 1])
if editor:
    s1.checkbox(t("scenarios.overwrite"), key=form.OVERWRITE)
    s2.button(
        t("scenarios.save"),
        key="sc_save",
        on_click=form.on_save,
        type="primary",
        icon=":material/save:",
    )
if problem is None:
    form.export_buttons(t, snapshot, s3, s4)

st.subheader(t("scenarios.compare"))
url.check_choice(t, form.COMPARE, names)
picked = st.multiselect(
    t("scenarios.compare_pick"),
    names,
    key=form.COMPARE,
    bind="query-params",
    placeholder=t("scenarios.compare_placeholder"),
)
table = form.comparison(t, snapshot, picked) if picked else None
if table is not None:
    st.dataframe(table, hide_index=True, key="sc_compare_table")
