"""The story page under AppTest, both languages: navigation, ?slide=, fallbacks, presentation."""

from __future__ import annotations

import pytest

from app.core import md
from app.core.i18n import translator
from app.data.store import FILE_ENV
from app.story import display, form
from app.story.slides import COUNT
from tests.conftest import run_page


@pytest.fixture(autouse=True)
def _private_state(data_copy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FILE_ENV, raising=False)


def heading(at) -> str:
    return at.header[0].value


def slide_heading(lang: str, n: int) -> str:
    return f"{n}\\. {md.escape(translator(lang)(f'story.s{n}_title'))}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_next_and_previous_change_the_slide_and_the_url(lang: str) -> None:
    at = run_page("story", lang)
    assert not at.exception
    assert heading(at) == slide_heading(lang, 1)
    assert at.button(key="story_prev").disabled
    at.button(key="story_next").click().run()
    assert heading(at) == slide_heading(lang, 2) and at.query_params["slide"] == "2"
    at.button(key="story_next").click().run()
    assert heading(at) == slide_heading(lang, 3) and at.query_params["slide"] == "3"
    at.button(key="story_prev").click().run()
    assert heading(at) == slide_heading(lang, 2) and at.query_params["slide"] == "2"
    assert not at.exception and not at.warning


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_slide_3_opens_from_the_url_with_the_county_figures(lang: str) -> None:
    t = translator(lang)
    at = run_page("story", lang, slide="3")
    assert not at.exception
    assert heading(at) == slide_heading(lang, 3)
    # a card's value is wrapped text, never a metric (which cuts a long value off)
    assert not at.metric
    assert [m.value for m in at.markdown if m.value in {"95", "76", "19"}] == ["95", "76", "19"]
    assert t("story.slide_of", n=3, total=COUNT) in at.markdown[0].value
    charts = at.get("plotly_chart")
    assert len(charts) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_last_slide_disables_next_and_shows_the_preset_label(lang: str) -> None:
    t = translator(lang)
    at = run_page("story", lang, slide=str(COUNT))
    assert heading(at) == slide_heading(lang, COUNT)
    assert at.button(key="story_next").disabled and not at.button(key="story_prev").disabled
    preset = t("story.preset_notice", name=t("scenarios.preset_model_name"))
    assert any(md.escape(preset.split("“")[0]) in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 2


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("bad", ["99", "abc", "0", "<b>x</b>"])
def test_a_bad_slide_falls_back_to_slide_1_with_a_notice(lang: str, bad: str) -> None:
    at = run_page("story", lang, slide=bad)
    assert not at.exception
    assert heading(at) == slide_heading(lang, 1)
    assert len(at.warning) == 1
    warning = at.warning[0].value
    assert "1" in warning and str(COUNT) in warning
    assert "<b>" not in warning  # the URL's text is shown as text
    assert at.query_params["slide"] == "1"
    at.button(key="story_next").click().run()
    assert heading(at) == slide_heading(lang, 2) and not at.warning


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_presentation_toggle_is_kept_in_the_url_and_injects_the_css(lang: str) -> None:
    at = run_page("story", lang, slide="2")
    assert not at.toggle(key="story_present").value
    assert not [h for h in at.get("html") if "stSidebar" in h.proto.body]
    at.toggle(key="story_present").set_value(True).run()
    assert not at.exception
    assert at.query_params["present"] == "1" and at.query_params["slide"] == "2"
    css = [h for h in at.get("html") if "stSidebar" in h.proto.body]
    assert len(css) == 1 and css[0].proto.body == display.PRESENTATION_CSS
    assert heading(at) == slide_heading(lang, 2)
    at.button(key="story_next").click().run()  # still presenting on the next slide
    assert at.toggle(key="story_present").value and at.query_params["present"] == "1"
    at.toggle(key="story_present").set_value(False).run()
    assert "present" not in at.query_params
    assert not [h for h in at.get("html") if "stSidebar" in h.proto.body]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_present_1_in_the_url_opens_in_presentation_mode(lang: str) -> None:
    at = run_page("story", lang, slide="5", present="1")
    assert not at.exception
    assert at.toggle(key="story_present").value
    assert heading(at) == slide_heading(lang, 5)
    assert [h for h in at.get("html") if h.proto.body == display.PRESENTATION_CSS]


def test_a_bad_present_value_is_switched_off_with_a_notice() -> None:
    at = run_page("story", "en", present="maybe")
    assert not at.exception and not at.toggle(key="story_present").value
    assert len(at.warning) == 1 and "maybe" in at.warning[0].value
    assert "present" not in at.query_params


@pytest.mark.parametrize(
    ("slide", "read"), [("1", {"reported", "sources"}), ("6", {"checklist_items", "zone"})]
)
def test_the_page_reads_only_what_the_shown_slide_needs(
    monkeypatch: pytest.MonkeyPatch, slide: str, read: set[str]
) -> None:
    """No other view, map, checklist or saved scenario is read, not even for the briefing."""
    asked: list[str] = []
    for name, reader in list(form.READERS.items()):
        monkeypatch.setitem(form.READERS, name, lambda r, n=name, f=reader: asked.append(n) or f(r))
    at = run_page("story", "en", slide=slide)
    assert not at.exception
    assert set(asked) == read
    asked.clear()
    at.button(key="story_next").click().run()
    assert not at.exception and asked and set(asked) < form.READERS.keys()
