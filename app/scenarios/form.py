"""The scenario page's Streamlit side: its session-state keys, callbacks and cached results.

The scenario being built lives in st.session_state (the steps under STEPS, name and note
in their text inputs); callbacks change it before the page redraws and leave a message
under FLASH. Its results come cached from app.scenarios.results_form.
"""

from __future__ import annotations

import streamlit as st

from app.core import md
from app.core.codes import jiangsu_cities
from app.core.i18n import column_name, translator
from app.core.roles import Refused
from app.data import exports
from app.scenarios import export, model, results, results_form, store, wording
from app.scenarios.model import Scenario, ScenarioError
from app.ui import auth, editor, locale, session, snapshots

# session-state keys this module owns (widget keys included)
STEPS, OPENED, FLASH = "sc_steps", "sc_opened", "sc_flash"
NAME, NOTE, OVERWRITE = "sc_name", "sc_note", "sc_overwrite"
CHOSEN, COMPARE = "scenario", "compare"  # bound to ?scenario= and ?compare=


# --- cached export files and names -----------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=32)
def _file(snapshot: str, scenario_json: str, fmt: str) -> bytes:
    """An export's bytes (made when its button is clicked, then kept)."""
    scenario = Scenario.model_validate_json(scenario_json)
    tables = export.report(
        scenario, results_form.outcome(snapshot, model.steps_key(scenario.steps))
    )
    return export.to_xlsx(tables) if fmt == "xlsx" else export.to_json(scenario, tables)


@st.cache_data(show_spinner=False, max_entries=4)
def _city_names(lang: str) -> dict[str, str]:
    cities = jiangsu_cities(session.view("divisions"))
    return dict(zip(cities["adcode"], cities[column_name("name", lang)], strict=True))


def labels(lang: str) -> wording.Labels:
    """Hosts, natures and cities named in the page's language."""
    return wording.Labels(
        host=session.labeller("host", lang),
        nature=session.labeller("nature", lang),
        cities=_city_names(lang),
    )


# --- the scenario being built --------------------------------------------------------------


def start() -> None:
    st.session_state.setdefault(STEPS, ())


def current_outcome(snapshot: str) -> tuple[results.Outcome, ScenarioError | None]:
    """The steps' outcome, or the source's (no steps) and why the steps cannot apply."""
    try:
        return results_form.outcome(snapshot, model.steps_key(st.session_state[STEPS])), None
    except ScenarioError as exc:
        return results_form.outcome(snapshot, model.steps_key(())), exc


def message(t, exc: ScenarioError) -> str:
    return t(exc.key, **md.escape_values(exc.values))


def open_chosen(t, chosen: str | None) -> None:
    """Load the scenario chosen in ?scenario= into the form (once per choice)."""
    if not chosen or st.session_state.get(OPENED) == chosen:
        return
    try:
        opened = store.load(chosen)
    except ScenarioError as exc:
        st.error(message(t, exc))
        return
    st.session_state[STEPS] = opened.steps
    st.session_state[NAME] = opened.name
    st.session_state[NOTE] = opened.note
    st.session_state[OPENED] = chosen


def show_flash(t) -> None:
    """The message the last callback left, once."""
    flashed = st.session_state.pop(FLASH, None)
    if flashed:
        kind, key, values = flashed
        (st.error if kind == "error" else st.success)(t(key, **md.escape_values(values)))


# --- callbacks (run before the page redraws) -----------------------------------------------


def _flash(kind: str, key: str, **values: object) -> None:
    st.session_state[FLASH] = (kind, key, values)


def _set_steps(steps: tuple, name_key: str | None = None) -> None:
    st.session_state[STEPS] = tuple(steps)
    if name_key and not st.session_state.get(NAME):
        st.session_state[NAME] = translator(locale.current_language())(name_key)


def on_add(kind: str) -> None:
    """Add the step the form `kind` describes (its widgets are keyed sc_<kind>_<field>)."""
    prefix = f"sc_{kind}_"
    fields = {
        k.removeprefix(prefix): v for k, v in st.session_state.items() if k.startswith(prefix)
    }
    try:
        step = model.step_from_form(kind, fields)
        candidate = model.make("-", steps=(*st.session_state[STEPS], step))
        results_form.outcome(snapshots.chosen_snapshot(), model.steps_key(candidate.steps))
    except ScenarioError as exc:
        _flash("error", exc.key, **exc.values)
        return
    _set_steps(candidate.steps)
    _flash("success", "scenarios.step_added")


def on_preset(which: str) -> None:
    """The preset `which`: "model" (every agency under the province-level agency's host) or
    "fill" (an agency in every county)."""
    figures = results_form.base(snapshots.chosen_snapshot())
    build = model.under_centre_host if which == "model" else model.fill_coverage
    try:
        _set_steps(
            build("-", figures.metrics, figures.counts).steps, f"scenarios.preset_{which}_name"
        )
    except ScenarioError as exc:
        _flash("error", exc.key, **exc.values)


def on_clear() -> None:
    st.session_state[STEPS] = ()
    st.session_state[NAME] = ""
    st.session_state[NOTE] = ""
    st.session_state[CHOSEN] = None
    st.session_state[OPENED] = None


def on_remove(index: int) -> None:
    st.session_state[STEPS] = (
        model.make("-", steps=st.session_state[STEPS]).without_step(index).steps
    )


def on_save() -> None:
    """Save the form's scenario as the current actor (the store refuses a viewer: hidden
    buttons are no guard)."""
    s = st.session_state
    try:
        actor = auth.require("scenario")
        scenario = model.make(s.get(NAME, ""), s.get(NOTE, ""), s[STEPS])
        results_form.outcome(snapshots.chosen_snapshot(), model.steps_key(scenario.steps))
        version = store.save(scenario, actor, bool(s.get(OVERWRITE)), label=editor.current() or "")
    except (ScenarioError, Refused) as exc:
        _flash("error", exc.key, **exc.values)
        return
    s[CHOSEN] = scenario.name
    s[OPENED] = scenario.name
    _flash("success", "scenarios.saved_ok", name=scenario.name, version=version)


def on_delete() -> None:
    name = st.session_state.get(CHOSEN)
    try:
        deleted = bool(name) and store.delete(name, auth.require("scenario"))
    except Refused as exc:
        _flash("error", exc.key, **exc.values)
        return
    if deleted:
        _flash("success", "scenarios.deleted", name=name)
    st.session_state[CHOSEN] = None
    st.session_state[OPENED] = None


# --- draws -----------------------------------------------------------------------------


def export_buttons(t, snapshot: str, xlsx_column, json_column) -> None:
    """XLSX and JSON of the scenario being built (bytes made only when clicked)."""
    name = st.session_state.get(NAME) or "scenario"
    try:
        scenario = model.make(name, st.session_state.get(NOTE, ""), st.session_state[STEPS])
    except ScenarioError as exc:
        st.error(message(t, exc))
        return
    for column, fmt in ((xlsx_column, "xlsx"), (json_column, "json")):
        column.download_button(
            t(f"scenarios.export_{fmt}"),
            data=lambda fmt=fmt: _file(snapshot, scenario.model_dump_json(), fmt),
            file_name=exports.file_name(f"scenario-{name}", fmt),
            mime=exports.FORMATS[fmt].mime,
            key=f"sc_export_{fmt}",
            icon=":material/download:",
        )


def comparison(t, snapshot: str, names: list[str]):
    """The source beside each named saved scenario (a table), or None; problems shown."""
    loaded = []
    for name in names:
        try:
            loaded.append(store.load(name))
        except ScenarioError as exc:
            st.error(message(t, exc))
    columns: dict[str, list] = {t("scenarios.baseline"): results_form.base(snapshot).metrics}
    try:
        for s in loaded:
            columns[s.name] = results_form.outcome(snapshot, model.steps_key(s.steps)).after.metrics
    except ScenarioError as exc:
        st.error(message(t, exc))
        return None
    return wording.compare_table(t, results.compare(columns))
