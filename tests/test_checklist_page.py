"""The checklist page under AppTest: edit, restart, stale second save, hostile notes."""

from __future__ import annotations

import getpass

import pytest
import streamlit as st

from app.checklist.labels import LOG_COLUMNS
from app.checklist.store import audit_log, get_item
from app.core.i18n import translator
from app.data.store import FILE_ENV
from tests.conftest import run_page

HOSTILE = '<script>alert("x")</script> =HYPERLINK("http://evil.example","click")'
SAVE = {"zh": "保存", "en": "Save"}


@pytest.fixture(autouse=True)
def _private_state(data_copy, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own data folder, and the page uses the default state file beside
    it: data_copy/../state/atlas_state.sqlite."""
    monkeypatch.delenv(FILE_ENV, raising=False)


def open_item(lang: str, rec_id: str, who: str | None = "Ana"):
    at = run_page("checklist", lang, item=rec_id)
    assert not at.exception
    if who:
        at.text_input(key="ck_who").input(who).run()
    return at


def edit(
    at,
    rec_id: str,
    lang: str,
    status: str | None = None,
    owner: str | None = None,
    notes: str | None = None,
):
    if status:
        at.selectbox(key=f"ck_status_{rec_id}").set_value(status)
    if owner is not None:
        at.text_input(key=f"ck_owner_{rec_id}").input(owner)
    if notes is not None:
        at.text_area(key=f"ck_notes_{rec_id}").input(notes)
    return at.button(key=f"FormSubmitter:ck_form_{rec_id}-{SAVE[lang]}").click().run()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_lists_every_item_with_progress(lang: str) -> None:
    at = run_page("checklist", lang)
    assert not at.exception
    assert [m.value for m in at.metric] == ["0/33", "0/12", "0/15", "0/6"]
    table = at.dataframe[1].value
    assert len(table) == 33 and table.iloc[0, 0] == "rec-1"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_edit_survives_a_restart(data_copy, lang: str) -> None:
    at = open_item(lang, "rec-1.1")
    at = edit(at, "rec-1.1", lang, status="done", owner="省政务办", notes="first meeting held")
    assert not at.exception and len(at.success) == 1
    assert "rec-1.1" in at.success[0].value
    assert (data_copy.root.parent / "state" / "atlas_state.sqlite").exists()
    assert not list(data_copy.root.glob("*.sqlite*"))  # the data folder is only read
    assert set(audit_log("rec-1.1")["who"]) == {"local:" + getpass.getuser()}  # who, not "Ana"

    st.cache_data.clear()
    st.cache_resource.clear()
    again = run_page("checklist", lang, item="rec-1.1")  # a new session on a "restarted" app
    assert not again.exception
    assert again.text_area(key="ck_notes_rec-1.1").value == "first meeting held"
    assert again.text_input(key="ck_owner_rec-1.1").value == "省政务办"
    assert again.selectbox(key="ck_status_rec-1.1").value == "done"
    assert again.metric[0].value == "1/33"
    t = translator(lang)
    history = again.dataframe[-1].value
    assert set(history[t("checklist.log_field")]) == {
        t("checklist.col_status"),
        t("checklist.col_owner"),
        t("checklist.col_notes"),
    }
    assert set(history[t("checklist.log_who")]) == {"Ana"}  # the name given, shown
    assert list(history.columns) == [t(f"checklist.log_{c}") for c in LOG_COLUMNS]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_stale_second_save_is_refused_and_keeps_its_text(lang: str) -> None:
    first = open_item(lang, "int-5.1", who="Ana")
    second = open_item(lang, "int-5.1", who="Ben")  # both opened version 0
    edit(first, "int-5.1", lang, status="in_progress", notes="Ana: draft charter")
    second = edit(second, "int-5.1", lang, status="blocked", notes="Ben: waiting for funds")
    assert not second.exception
    assert len(second.warning) >= 1 and "Ana" in second.warning[0].value
    # nothing lost: Ben's text is still in his form, Ana's is what is stored
    assert second.text_area(key="ck_notes_int-5.1").value == "Ben: waiting for funds"
    assert get_item("int-5.1").notes == "Ana: draft charter"
    assert any("Ana: draft charter" in t.value for t in second.text)  # shown for comparison
    # Ben reapplies his text on the latest version
    second.button(key="ck_rebase").click().run()
    second = edit(second, "int-5.1", lang)
    assert len(second.success) == 1
    stored = get_item("int-5.1")
    assert (stored.notes, stored.status, stored.version) == ("Ben: waiting for funds", "blocked", 2)


def test_saving_without_a_name_is_refused_with_a_message() -> None:
    at = open_item("en", "rec-3", who=None)
    at = edit(at, "rec-3", "en", notes="anonymous")
    assert [e.value for e in at.error] == [
        "Give your name first (it is recorded with each change)."
    ]
    assert at.text_area(key="ck_notes_rec-3").value == "anonymous"
    assert get_item("rec-3").version == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_hostile_note_is_shown_as_text(lang: str) -> None:
    at = open_item(lang, "rec-2.2")
    at = edit(at, "rec-2.2", lang, owner="=1+1", notes=HOSTILE)
    assert not at.exception
    for md in at.markdown:
        assert "<script>" not in md.value
    table = at.dataframe[1].value
    row = table[table.iloc[:, 0] == "rec-2.2"].iloc[0]
    assert row.iloc[-1] == HOSTILE  # the table cell holds the raw text, rendered as text
    assert get_item("rec-2.2").notes == HOSTILE


@pytest.mark.parametrize(
    ("lang", "not_recorded", "not_started"),
    [("zh", "未记录", "未开始"), ("en", "Not recorded", "Not started")],
)
def test_untouched_items_read_not_recorded_and_the_link_can_filter_them(
    lang: str, not_recorded: str, not_started: str
) -> None:
    at = run_page("checklist", lang)
    t = translator(lang)
    statuses = set(at.dataframe[1].value[t("checklist.col_status")])
    assert statuses == {not_recorded}  # nobody recorded a status: not "not started"
    at = open_item(lang, "rec-2")
    at = edit(at, "rec-2", lang, status="not_started")
    assert not at.exception and len(at.success) == 1
    only = run_page("checklist", lang, status="not_recorded")
    assert not only.exception and not only.warning
    assert only.multiselect(key="ck_status").value == ["not_recorded"]
    assert len(only.dataframe[1].value) == 32
    chosen = run_page("checklist", lang, status="not_started")  # old links keep working
    table = chosen.dataframe[1].value
    assert table.iloc[:, 0].tolist() == ["rec-2"]
    assert set(table[t("checklist.col_status")]) == {not_started}


def test_bad_link_parameters_give_messages() -> None:
    at = run_page("checklist", "en", item="nope", status="done,bogus")
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert "There is no checklist item nope." in warnings
    assert "Unknown status in the link, ignored: bogus." in warnings
    assert at.multiselect(key="ck_status").value == ["done"]
