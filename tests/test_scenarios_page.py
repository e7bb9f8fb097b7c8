"""The scenario page under AppTest, both languages: build, save, reopen, compare, export."""

from __future__ import annotations

import pytest
import streamlit as st

from app.data.store import FILE_ENV
from app.scenarios import store
from tests.actors import LOCAL
from tests.conftest import plain, run_page

NAME = {
    "zh": "全部归入省级机构的挂靠单位",
    "en": "Every agency under the province-level agency's host",
}


@pytest.fixture(autouse=True)
def _private_state(data_copy, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page uses the default state file beside the test's data copy."""
    monkeypatch.delenv(FILE_ENV, raising=False)


def metric_values(at) -> list[tuple[str, str]]:
    return [(m.value, m.delta) for m in at.metric]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_empty_scenario_shows_the_source_metrics(lang: str) -> None:
    at = run_page("scenarios", lang)
    assert not at.exception
    assert [m.value for m in at.metric] == [
        "100%",
        "0.43",
        "2.32",
        "8%",
        "80%",
        "0.37",
        "2.72",
        "0%",
    ]
    assert "13/13 → 13/13" in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_build_save_reopen_compare_export(lang: str) -> None:
    at = run_page("scenarios", lang)
    at.button(key="sc_preset_model").click().run()
    assert not at.exception
    assert at.text_input(key="sc_name").value == NAME[lang]
    assert len(at.text) == 9  # one line per step
    # add a county step on top: create the 19 missing agencies on the province's line
    at.number_input(key="sc_create_count").set_value(19)
    at.selectbox(key="sc_create_host").set_value("government_services_office")
    at.button(key=f"FormSubmitter:sc_form_create-{'添加步骤' if lang == 'zh' else 'Add step'}")
    form_buttons = [b for b in at.button if str(b.key).startswith("FormSubmitter:sc_form_create")]
    form_buttons[0].click().run()
    assert not at.exception and len(at.text) == 10
    values = [m.value for m in at.metric]
    assert values == ["100%", "1.00", "1.00", "100%", "100%", "1.00", "1.00", "100%"]
    captions = [c.value for c in at.caption]
    assert "76/95 → 95/95" in captions and "0/76 → 95/95" in captions
    assert [d for _, d in metric_values(at)][3] in ("+92 pp", "+92 个百分点")

    at.button(key="sc_save").click().run()
    assert not at.exception and len(at.success) == 1
    assert at.query_params["scenario"] in ([NAME[lang]], NAME[lang])
    saved = store.load(NAME[lang])
    assert len(saved.steps) == 10 and saved.steps[-1].count == 19
    # saved at this computer with no name typed: no saver to show (never local:<user>)
    assert store.saved()["saved_by"].tolist() == [None]

    # a second save under the same name is refused until 'overwrite' is ticked
    at.button(key="sc_save").click().run()
    assert len(at.error) == 1 and NAME[lang] in plain(at.error[0].value)

    # export buttons are offered for the current scenario
    labels = [
        el.proto.label for el in at.get("download_button") if "_data_" not in el.proto.id
    ]  # the charts' own data downloads aside
    assert labels == (
        ["导出 XLSX", "导出 JSON"] if lang == "zh" else ["Export XLSX", "Export JSON"]
    )

    # reopen in a new session (after a restart) from the URL
    st.cache_data.clear()
    st.cache_resource.clear()
    again = run_page("scenarios", lang, scenario=NAME[lang])
    assert not again.exception
    assert again.text_input(key="sc_name").value == NAME[lang]
    assert len(again.text) == 10
    assert [m.value for m in again.metric] == values

    # compare the saved scenario with the source
    again.multiselect(key="compare").set_value([NAME[lang]]).run()
    table = again.dataframe[-1].value
    assert list(table.columns)[-1] == NAME[lang]
    assert "0.00 (0/76)" in table.iloc[:, 2].tolist()
    assert "1.00 (95/95)" in table.iloc[:, 3].tolist()


OWN = {"zh": "本应用", "en": "The app's own"}
HEADING = {"zh": "本应用自拟", "en": "the app's own"}
SOURCE_CLAIMS = ("¶", "第5段", "model provinces", "先进省份", "as Guangdong", "像广东")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_preset_is_named_for_what_it_does_and_marked_the_app_s_own(lang: str) -> None:
    """The source proposes no such move: the preset says what it does and whose idea it is;
    its id (the widget key) is unchanged, so it loads as before."""
    at = run_page("scenarios", lang)
    button = at.button(key="sc_preset_model")
    assert button.label == NAME[lang]
    assert button.help.startswith(OWN[lang])
    assert not [c for c in SOURCE_CLAIMS if c in button.help or c in button.label]
    assert HEADING[lang] in at.subheader[0].value  # the presets' heading: not "from the source"
    button.click().run()
    assert at.text_input(key="sc_name").value == NAME[lang] and len(at.text) == 9


def test_a_scenario_saved_under_the_old_preset_name_still_opens() -> None:
    """Saved scenarios keep their names: one saved as the old preset opens from its link."""
    from app.scenarios import model

    old = model.make("As the model provinces", steps=())
    store.save(old, LOCAL, overwrite=False)
    at = run_page("scenarios", "en", scenario="As the model provinces")
    assert not at.exception
    assert at.text_input(key="sc_name").value == "As the model provinces"


def test_bad_input_gives_messages() -> None:
    at = run_page("scenarios", "en")
    at.selectbox(key="sc_city_from").set_value("industry_it_bureau")
    at.selectbox(key="sc_city_to").set_value("industry_it_bureau")
    next(b for b in at.button if str(b.key).startswith("FormSubmitter:sc_form_city")).click().run()
    assert [e.value for e in at.error] == [
        "The 'from' and 'to' hosts are the same: choose two different hosts."
    ]
    at.button(key="sc_save").click().run()  # no name yet
    assert [e.value for e in at.error] == ["Give the scenario a name of 1 to 80 characters."]
    missing = run_page("scenarios", "en", scenario="no such scenario")
    assert not missing.exception
    assert missing.text_input(key="sc_name").value == ""


def test_moving_chosen_cities_and_a_county_group() -> None:
    at = run_page("scenarios", "en")
    at.selectbox(key="sc_city_from").set_value("government_general_office")
    at.selectbox(key="sc_city_to").set_value("government_services_office")
    at.multiselect(key="sc_city_cities").set_value(["321100", "321200"])
    next(b for b in at.button if str(b.key).startswith("FormSubmitter:sc_form_city")).click().run()
    at.selectbox(key="sc_county_from").set_value("development_reform_commission")
    at.selectbox(key="sc_county_to").set_value("government_services_office")
    at.number_input(key="sc_county_count").set_value(5)
    next(
        b for b in at.button if str(b.key).startswith("FormSubmitter:sc_form_county")
    ).click().run()
    assert not at.exception
    assert [t.value for t in at.text] == [
        "1. Move city agencies from Government general office to Government services office"
        " (Zhenjiang, Taizhou): 2 moved.",
        "2. Move county agencies from Development and reform commission to Government services"
        " office (5): 5 moved.",
    ]
    captions = [c.value for c in at.caption]
    assert "1/13 → 3/13" in captions and "0/76 → 5/76" in captions


def test_a_hostile_name_is_shown_as_text() -> None:
    name = "**big** [link](http://evil.example) <b>x</b>"
    at = run_page("scenarios", "en")
    at.button(key="sc_preset_fill").click().run()
    at.text_input(key="sc_name").input(name).run()
    at.button(key="sc_save").click().run()
    assert not at.exception
    message = at.success[0].value
    assert "<b>" not in message and "](" not in message and "**big**" not in message
    assert "&lt;b&gt;x&lt;\\/b&gt;" in message and "\\*\\*big\\*\\*" in message
    assert store.load(name).name == name  # stored exactly as typed
    assert at.text_input(key="sc_name").value == name
