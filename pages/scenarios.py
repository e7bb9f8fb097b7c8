"""Scenarios: build a reform from steps, see before and after, save, reopen, compare, export."""

import streamlit as st

from app import scenarios, ui
from app.core import md, metrics
from app.core.codes import jiangsu_cities
from app.core.models import Host, Nature
from app.data import exports
from app.figures import scenario_charts
from app.scenarios import Centre, Create, Move, ScenarioError
from app.ui import editor

t = ui.current_translator()
lang = ui.current_language()
snapshot = ui.chosen_snapshot()

STEPS, OPENED, FLASH = "sc_steps", "sc_opened", "sc_flash"
HOSTS = [h.value for h in Host]
NATURES = [n.value for n in Nature]

agencies = ui.view("v_agencies", snapshot)
divisions = ui.view("divisions")
units = metrics.level_units(divisions)
cities = jiangsu_cities(divisions)
city_names = dict(
    zip(cities["adcode"], cities["name_zh" if lang == "zh" else "name_en"], strict=True)
)
st.session_state.setdefault(STEPS, ())


def host_label(code: str | None) -> str:
    return ui.label("host", code, lang)


def nature_label(code: str | None) -> str:
    return ui.label("nature", code, lang)


def flash(kind: str, key: str, **values: object) -> None:
    st.session_state[FLASH] = (kind, t(key, **md.escape_values(values)))


def current(name: str | None = None) -> scenarios.Scenario:
    """The scenario being built (a placeholder name until the user gives one)."""
    return scenarios.Scenario.model_construct(
        name=name or st.session_state.get("sc_name") or "",
        note=st.session_state.get("sc_note", ""),
        steps=st.session_state[STEPS],
    )


def set_steps(steps: tuple, name_key: str | None = None) -> None:
    st.session_state[STEPS] = tuple(steps)
    if name_key and not st.session_state.get("sc_name"):
        st.session_state["sc_name"] = t(name_key)


def add_step(step: Move | Create | Centre) -> None:
    candidate = current("-").with_steps(step)
    try:
        scenarios.make("-", steps=candidate.steps)
        scenarios.apply(candidate, agencies, units)
    except ScenarioError as exc:
        flash("error", exc.key, **exc.values)
        return
    set_steps(candidate.steps)
    flash("success", "scenarios.step_added")


# --- callbacks (run before the page redraws) ------------------------------------------


def on_preset_model() -> None:
    try:
        set_steps(scenarios.as_model_provinces("-", agencies).steps, "scenarios.preset_model_name")
    except ScenarioError as exc:
        flash("error", exc.key, **exc.values)


def on_preset_fill() -> None:
    try:
        set_steps(scenarios.fill_coverage("-", agencies, units).steps, "scenarios.preset_fill_name")
    except ScenarioError as exc:
        flash("error", exc.key, **exc.values)


def on_clear() -> None:
    st.session_state[STEPS] = ()
    st.session_state["sc_name"] = ""
    st.session_state["sc_note"] = ""
    st.session_state["scenario"] = None
    st.session_state[OPENED] = None


def on_remove(index: int) -> None:
    st.session_state[STEPS] = current("-").without_step(index).steps


def on_move(level: str) -> None:
    s = st.session_state
    prefix = f"sc_{level}"
    if s[f"{prefix}_from"] == s[f"{prefix}_to"]:
        flash("error", "scenarios.error_same_host")
        return
    fields = {"level": level, "from_host": s[f"{prefix}_from"], "to_host": s[f"{prefix}_to"]}
    if level == "city":
        fields["cities"] = tuple(s["sc_city_cities"])
    else:
        fields["count"] = s["sc_county_count"] or None
    add_step(Move(**fields))


def on_create() -> None:
    s = st.session_state
    add_step(
        Create(
            count=int(s["sc_create_count"]), host=s["sc_create_host"], nature=s["sc_create_nature"]
        )
    )


def on_centre() -> None:
    s = st.session_state
    if s["sc_centre_host"] is None and s["sc_centre_nature"] is None:
        flash("error", "scenarios.error_centre_empty")
        return
    add_step(Centre(host=s["sc_centre_host"], nature=s["sc_centre_nature"]))


def on_save() -> None:
    try:
        scenario = scenarios.make(
            st.session_state.get("sc_name", ""),
            st.session_state.get("sc_note", ""),
            st.session_state[STEPS],
        )
        scenarios.apply(scenario, agencies, units)
        version = scenarios.save(
            scenario, editor.current(), bool(st.session_state.get("sc_overwrite"))
        )
    except ScenarioError as exc:
        flash("error", exc.key, **exc.values)
        return
    st.session_state["scenario"] = scenario.name
    st.session_state[OPENED] = scenario.name
    flash("success", "scenarios.saved_ok", name=scenario.name, version=version)


def on_delete() -> None:
    name = st.session_state.get("scenario")
    if name and scenarios.delete(name):
        flash("success", "scenarios.deleted", name=name)
    st.session_state["scenario"] = None
    st.session_state[OPENED] = None


# --- page -------------------------------------------------------------------------------

st.title(t("scenarios.title"))
st.write(t("scenarios.intro"))
st.caption(t("scenarios.never_changes_source"))

saved = scenarios.saved()
names = saved["name"].tolist()
top_left, top_right = st.columns([3, 2])
with top_right, st.container(border=True):
    ui.check_choice(t, "scenario", names)
    chosen = st.selectbox(
        t("scenarios.open"),
        options=names,
        index=None,
        placeholder=t("scenarios.open_placeholder") if names else t("scenarios.none_saved"),
        key="scenario",
        bind="query-params",
    )
    if chosen and st.session_state.get(OPENED) != chosen:
        try:
            opened = scenarios.load(chosen)
        except ScenarioError as exc:
            st.error(t(exc.key, **md.escape_values(exc.values)))
        else:
            st.session_state[STEPS] = opened.steps
            st.session_state["sc_name"] = opened.name
            st.session_state["sc_note"] = opened.note
            st.session_state[OPENED] = chosen
    if chosen:
        row = saved[saved["name"] == chosen].iloc[0]
        st.caption(
            t(
                "scenarios.saved_meta",
                version=row["version"],
                at=row["saved_at"],
                who=md.escape(row["saved_by"]) or t("app.unknown"),
            )
        )
        st.button(
            t("scenarios.delete"), key="sc_delete", on_click=on_delete, icon=":material/delete:"
        )

with top_left:
    st.text_input(t("scenarios.name"), key="sc_name", max_chars=scenarios.NAME_MAX)
    st.text_area(t("scenarios.note"), key="sc_note", max_chars=scenarios.NOTE_MAX, height=68)

message = st.session_state.pop(FLASH, None)
if message:
    (st.error if message[0] == "error" else st.success)(message[1])

st.subheader(t("scenarios.presets"))
p1, p2, p3 = st.columns(3)
p1.button(
    t("scenarios.preset_model"),
    key="sc_preset_model",
    on_click=on_preset_model,
    help=t("scenarios.preset_model_help"),
    use_container_width=True,
)
p2.button(
    t("scenarios.preset_fill"),
    key="sc_preset_fill",
    on_click=on_preset_fill,
    help=t("scenarios.preset_fill_help"),
    use_container_width=True,
)
p3.button(t("scenarios.clear"), key="sc_clear", on_click=on_clear, use_container_width=True)

st.subheader(t("scenarios.add_step"))
tab_city, tab_county, tab_create, tab_centre = st.tabs(
    [
        t("scenarios.tab_city"),
        t("scenarios.tab_county"),
        t("scenarios.tab_create"),
        t("scenarios.tab_centre"),
    ]
)
with tab_city, st.form("sc_form_city", border=False):
    a, b = st.columns(2)
    a.selectbox(t("scenarios.from_host"), HOSTS, format_func=host_label, key="sc_city_from")
    b.selectbox(t("scenarios.to_host"), HOSTS, index=1, format_func=host_label, key="sc_city_to")
    st.multiselect(
        t("scenarios.cities"),
        list(city_names),
        format_func=city_names.get,
        key="sc_city_cities",
        placeholder=t("scenarios.cities_all"),
    )
    st.caption(t("scenarios.cities_help"))
    st.form_submit_button(t("scenarios.add"), on_click=on_move, args=("city",))
with tab_county, st.form("sc_form_county", border=False):
    a, b, c = st.columns(3)
    a.selectbox(t("scenarios.from_host"), HOSTS, format_func=host_label, key="sc_county_from")
    b.selectbox(t("scenarios.to_host"), HOSTS, index=1, format_func=host_label, key="sc_county_to")
    c.number_input(
        t("scenarios.count"),
        min_value=1,
        max_value=units["county"],
        value=None,
        step=1,
        key="sc_county_count",
        placeholder=t("scenarios.count_all"),
    )
    st.caption(t("scenarios.county_help"))
    st.form_submit_button(t("scenarios.add"), on_click=on_move, args=("county",))

try:
    applied = scenarios.apply(current("-"), agencies, units)
    apply_error = None
except ScenarioError as exc:
    applied, apply_error = (
        scenarios.Applied(agencies, ()),
        t(exc.key, **md.escape_values(exc.values)),
    )

with tab_create:
    room = scenarios.uncovered(applied.agencies, units)
    if room <= 0:
        st.info(t("scenarios.no_room"))
    else:
        with st.form("sc_form_create", border=False):
            a, b, c = st.columns(3)
            a.number_input(
                t("scenarios.create_count", room=room),
                min_value=1,
                max_value=room,
                value=room,
                step=1,
                key="sc_create_count",
            )
            b.selectbox(t("scenarios.host"), HOSTS, format_func=host_label, key="sc_create_host")
            c.selectbox(
                t("scenarios.nature"),
                NATURES,
                index=None,
                format_func=nature_label,
                key="sc_create_nature",
                placeholder=t("app.unknown"),
            )
            st.form_submit_button(t("scenarios.add"), on_click=on_create)
with tab_centre, st.form("sc_form_centre", border=False):
    centre_now = scenarios.centre_row(applied.agencies)
    a, b = st.columns(2)
    a.selectbox(
        t("scenarios.host"),
        HOSTS,
        index=None,
        format_func=host_label,
        key="sc_centre_host",
        placeholder=host_label(centre_now["host"]),
    )
    b.selectbox(
        t("scenarios.nature"),
        NATURES,
        index=None,
        format_func=nature_label,
        key="sc_centre_nature",
        placeholder=nature_label(centre_now["nature"]),
    )
    st.caption(t("scenarios.centre_help"))
    st.form_submit_button(t("scenarios.add"), on_click=on_centre)

st.subheader(t("scenarios.steps"))
steps = st.session_state[STEPS]
if not steps:
    st.caption(t("scenarios.no_steps"))
for i, step in enumerate(steps):
    affected = applied.affected[i] if i < len(applied.affected) else 0
    if isinstance(step, Move):
        where = (
            ", ".join(city_names.get(c, c) for c in step.cities)
            if step.cities
            else t("scenarios.all")
            if step.count is None
            else str(step.count)
        )
        text = t(
            f"scenarios.describe_move_{step.level}",
            frm=host_label(step.from_host),
            to=host_label(step.to_host),
            where=where,
            n=affected,
        )
    elif isinstance(step, Create):
        text = t(
            "scenarios.describe_create",
            n=step.count,
            host=host_label(step.host),
            nature=nature_label(step.nature.value if step.nature else None),
        )
    else:
        text = t(
            "scenarios.describe_centre",
            host=host_label(step.host) if step.host else t("scenarios.unchanged"),
            nature=nature_label(step.nature) if step.nature else t("scenarios.unchanged"),
        )
    left, right = st.columns([12, 1])
    left.text(f"{i + 1}. {text}")
    right.button(
        "✕", key=f"sc_remove_{i}", on_click=on_remove, args=(i,), help=t("scenarios.remove")
    )

if apply_error:
    st.error(apply_error)

st.subheader(t("scenarios.before_after"))
before = metrics.level_metrics(agencies, units)
after = metrics.level_metrics(applied.agencies, units)
centre_before, centre_after = scenarios.centre_row(agencies), scenarios.centre_row(applied.agencies)
st.caption(
    t(
        "scenarios.centre_line",
        before=f"{host_label(centre_before['host'])} · {nature_label(centre_before['nature'])}",
        after=f"{host_label(centre_after['host'])} · {nature_label(centre_after['nature'])}",
    )
)
for b, a in zip(before, after, strict=True):
    with st.container(border=True):
        st.markdown(f"**{t(f'gap.level_{b.level}')}**")
        for column, metric in zip(st.columns(4), metrics.METRICS, strict=True):
            rb, ra = getattr(b, metric), getattr(a, metric)
            percent = metric in ("coverage", "alignment")
            change = metrics.change(rb, ra)
            delta = None
            if change:
                delta = (
                    t("scenarios.delta_pp", d=f"{change * 100:+.0f}")
                    if percent
                    else f"{change:+.2f}"
                )
            column.metric(
                t(f"gap.metric_{metric}"),
                ra.percent() if percent else ra.decimal(),
                delta=delta,
                delta_color="normal" if percent else "off",
            )
            column.caption(t("scenarios.before_to_after", before=str(rb), after=str(ra)))
        dist = scenarios.distribution(agencies, applied.agencies, b.level)
        st.plotly_chart(
            scenario_charts.before_after_figure(
                dist,
                host_label,
                t("scenarios.before"),
                t("scenarios.after"),
                t("scenarios.agencies_axis"),
            ),
            key=f"sc_chart_{b.level}",
            config={"displaylogo": False},
        )

st.subheader(t("scenarios.save_export"))
s1, s2, s3, s4 = st.columns([1, 1, 1, 1])
s1.checkbox(t("scenarios.overwrite"), key="sc_overwrite")
s2.button(
    t("scenarios.save"), key="sc_save", on_click=on_save, type="primary", icon=":material/save:"
)
if apply_error is None:
    export_name = st.session_state.get("sc_name") or "scenario"
    try:
        export_scenario = scenarios.make(export_name, st.session_state.get("sc_note", ""), steps)
    except ScenarioError as exc:
        st.error(t(exc.key, **md.escape_values(exc.values)))
    else:
        tables = scenarios.report(export_scenario, agencies, units)
        s3.download_button(
            t("scenarios.export_xlsx"),
            data=lambda: scenarios.to_xlsx(tables),
            file_name=exports.file_name(f"scenario-{export_name}", "xlsx"),
            mime=exports.FORMATS["xlsx"].mime,
            key="sc_export_xlsx",
            icon=":material/download:",
        )
        s4.download_button(
            t("scenarios.export_json"),
            data=lambda: scenarios.to_json(export_scenario, tables),
            file_name=exports.file_name(f"scenario-{export_name}", "json"),
            mime=exports.FORMATS["json"].mime,
            key="sc_export_json",
            icon=":material/download:",
        )

st.subheader(t("scenarios.compare"))
ui.check_choice(t, "compare", names)
picked = st.multiselect(
    t("scenarios.compare_pick"),
    names,
    key="compare",
    bind="query-params",
    placeholder=t("scenarios.compare_placeholder"),
)
if picked:
    loaded, problems = [], []
    for name in picked:
        try:
            loaded.append(scenarios.load(name))
        except ScenarioError as exc:
            problems.append(t(exc.key, **md.escape_values(exc.values)))
    for problem in problems:
        st.error(problem)
    try:
        table = scenarios.compare(loaded, agencies, units, t("scenarios.baseline"))
    except ScenarioError as exc:
        st.error(t(exc.key, **md.escape_values(exc.values)))
    else:
        table["level"] = table["level"].map(lambda lv: t(f"gap.level_{lv}"))
        table["metric"] = table["metric"].map(lambda m: t(f"gap.metric_{m}"))
        table = table.rename(
            columns={"level": t("scenarios.col_level"), "metric": t("scenarios.col_metric")}
        )
        st.dataframe(table, hide_index=True, key="sc_compare_table")
