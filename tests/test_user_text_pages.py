"""Pages show user and imported text as text: names from an imported roster, file names,
the SQL echoed in an error (AppTest: the Markdown a page sends holds the escaped form)."""

from __future__ import annotations

import json

import pytest

from app import roster
from app.core import md
from app.core.i18n import translator
from tests import hostile_text as hostile
from tests.actors import LOCAL
from tests.conftest import plain, run_page


def bodies(at) -> list[str]:
    """Every Markdown text the run sent: body, sidebar, alerts, toasts, metric labels and values."""
    out = [
        x.value
        for kind in ("markdown", "caption", "error", "warning", "info", "success", "toast")
        for x in getattr(at, kind)
    ]
    out += [x.value for x in at.sidebar.caption]
    out += [x.label for x in at.metric] + [str(x.value) for x in at.metric]
    return out


def draft_badges() -> set[str]:
    """The app's own markup for a draft's badge (its icon is a ':material/' code)."""
    return {
        f":orange-badge[:material/edit_note: {translator(lang)('exports.draft')}]"
        for lang in ("zh", "en")
    }


def assert_no_raw_markup(at) -> None:
    for body in set(bodies(at)) - draft_badges():
        for marker in hostile.RAW_MARKERS:
            assert marker not in body, (marker, body)


@pytest.fixture
def imported(data_copy) -> roster.Snapshot:
    result = roster.import_roster(data_copy, hostile.roster_bytes(), hostile.FILE_NAME, "", LOCAL)
    assert result.snapshot is not None, result.problems
    return result.snapshot


@pytest.mark.parametrize(("lang", "name"), [("zh", hostile.NAME_ZH), ("en", hostile.NAME_EN)])
def test_overview_shows_an_imported_name_and_file_name_as_text(
    imported, lang: str, name: str
) -> None:
    at = run_page("", lang, snapshot=imported.snapshot_id)  # the draft, by its link
    assert not at.exception
    assert any(md.escape(name) in body for body in bodies(at))
    assert any(md.escape(hostile.FILE_NAME) in c.value for c in at.sidebar.caption)
    assert any(hostile.EXCERPT in x.value for x in at.text)  # source popover: st.text, as text
    assert_no_raw_markup(at)


@pytest.mark.parametrize(("lang", "name"), [("zh", hostile.NAME_ZH), ("en", hostile.NAME_EN)])
def test_story_slide_2_shows_an_imported_name_as_text(imported, lang: str, name: str) -> None:
    at = run_page("story", lang, slide="2", snapshot=imported.snapshot_id)
    assert not at.exception
    assert any(md.escape(name) in body for body in bodies(at))
    assert_no_raw_markup(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_city_map_hover_holds_an_imported_name_as_text(imported, lang: str) -> None:
    at = run_page("structure", lang, snapshot=imported.snapshot_id)
    assert not at.exception
    figures = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    hover = next(
        " ".join(trace["text"])
        for figure in figures
        for trace in figure["data"]
        if trace["type"] == "choropleth" and hostile.EVIL in " ".join(trace.get("text", []))
    )
    assert "&lt;a href=" in hover and "&lt;img src=" in hover
    assert "<a " not in hover and "<img" not in hover


def test_import_page_shows_the_file_name_as_text(data_copy) -> None:
    at = run_page("import", "en")
    at.file_uploader(key="imp_file").upload(hostile.BAD_FILE_NAME, hostile.bad_roster_bytes())
    at.button(key="imp_submit").click().run()
    assert not at.exception
    assert at.error[0].value.startswith(md.escape(hostile.BAD_FILE_NAME))
    assert_no_raw_markup(at)

    at.file_uploader(key="imp_file").upload(hostile.FILE_NAME, hostile.roster_bytes())
    at.button(key="imp_submit").click().run()
    assert not at.exception
    assert md.escape(hostile.FILE_NAME) in at.success[0].value
    assert plain(at.success[0].value).count(hostile.FILE_NAME) == 1
    assert_no_raw_markup(at)


def test_workbench_error_shows_the_sql_it_echoes_as_text() -> None:
    at = run_page("workbench", "en", sql=hostile.SQL)  # a link runs its query on opening
    assert not at.exception
    assert len(at.error) == 1
    assert f"www.{hostile.EVIL}" in plain(at.error[0].value)  # the echo, shown as typed
    assert_no_raw_markup(at)
