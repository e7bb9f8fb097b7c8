"""Sign-in and roles under AppTest: who sees the write controls, the sidebar's sign-in block,
and the server-side refusal of a write whose controls were drawn for someone else."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from app import roster
from app.checklist.store import audit_log, get_item
from app.core.i18n import translator
from app.scenarios import store as scenarios
from app.ui import auth
from tests.conftest import ELSEWHERE, ENTRY, plain, run_page, sign_in
from tests.test_roster import fixture_bytes

LANGS = ["zh", "en"]
# every write control of the three pages, by key (the checklist's form for item rec-3)
WRITES = {
    "checklist": {"ck_who", "ck_status_rec-3", "ck_owner_rec-3", "ck_notes_rec-3", "ck_reload"},
    "scenarios": {"sc_save", "sc_overwrite"},
    "import": {"imp_file", "imp_note", "imp_submit"},
}
PARAMS = {"checklist": {"item": "rec-3"}, "scenarios": {}, "import": {}}
ACTION = {"checklist": "checklist", "scenarios": "scenario", "import": "import"}


pytestmark = pytest.mark.usefixtures("data_copy")  # imports write to a private store


def keys(at: AppTest) -> set[str]:
    """The keys of every widget drawn (form submit buttons included)."""
    found = set()
    for kind in ("button", "text_input", "text_area", "selectbox", "checkbox", "file_uploader"):
        found |= {str(w.key) for w in at.get(kind) if w.key}
    return found


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def open_as(url_path: str, lang: str, prepare: Callable[[AppTest], object], **params) -> AppTest:
    """run_page, with `prepare` (sign-in secrets, st.user) applied before the first run."""
    at = AppTest.from_file(ENTRY, default_timeout=60)
    prepare(at)
    at.query_params.update({"lang": lang, **params})
    at.switch_page(f"pages/{url_path}.py")
    return at.run()


def submit_buttons(at: AppTest) -> set[str]:
    return {str(b.key) for b in at.button if str(b.key).startswith("FormSubmitter:")}


@pytest.mark.peer(ELSEWHERE)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", sorted(WRITES))
def test_from_another_computer_there_are_no_write_controls_and_a_note_says_why(
    page: str, lang: str
) -> None:
    t = translator(lang)
    at = run_page(page, lang, **PARAMS[page])
    assert not at.exception
    assert not keys(at) & WRITES[page]
    assert not [k for k in submit_buttons(at) if k.startswith("FormSubmitter:ck_form")]
    note = t("auth.why_remote", doing=t(f"auth.doing_{ACTION[page]}"))
    assert any(note in c for c in captions(at))
    assert [c.value for c in at.sidebar.caption if t("auth.read_only") in c.value]
    assert not [c for c in at.sidebar.caption if t("auth.local_only") in c.value]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", sorted(WRITES))
def test_on_this_computer_the_controls_show_and_the_sidebar_says_so(page: str, lang: str) -> None:
    t = translator(lang)
    at = run_page(page, lang, **PARAMS[page])
    assert not at.exception
    if page == "scenarios":
        at.button(key="sc_preset_model").click().run()  # the delete button needs a saved one
    assert WRITES[page] <= keys(at)
    assert [c.value for c in at.sidebar.caption if t("auth.local_only") in c.value]
    assert t("auth.why_remote", doing=t(f"auth.doing_{ACTION[page]}")) not in captions(at)


@pytest.mark.parametrize("lang", LANGS)
def test_signed_out_sees_sign_in_and_a_note_naming_the_role_needed(lang: str) -> None:
    t = translator(lang)
    at = open_as("checklist", lang, lambda a: sign_in(a, None), item="rec-3")
    assert not at.exception
    assert at.sidebar.button(key="auth_sign_in").label == t("auth.sign_in")
    assert not keys(at) & WRITES["checklist"]
    note = t("auth.why_sign_in", doing=t("auth.doing_checklist"), role=t("auth.role_editor"))
    assert any(note in c for c in captions(at))


@pytest.mark.parametrize("lang", LANGS)
def test_a_signed_in_editor_edits_and_the_sidebar_names_them(lang: str, roles_file) -> None:
    t = translator(lang)
    at = open_as("checklist", lang, lambda a: sign_in(a, "Ed@example.org", "Ed Li"), item="rec-3")
    assert not at.exception
    side = plain(" ".join(c.value for c in at.sidebar.caption))
    assert t("auth.signed_in", name="Ed Li", role=t("auth.role_editor")) in side
    assert at.sidebar.button(key="auth_sign_out").label == t("auth.sign_out")
    assert (WRITES["checklist"] - {"ck_who"}) <= keys(at)  # the signed-in name, no typed one
    at.selectbox(key="ck_status_rec-3").set_value("done")
    (save,) = [b for b in at.button if str(b.key).startswith("FormSubmitter:ck_form_rec-3")]
    save.click().run()
    assert not at.exception and len(at.success) == 1
    assert get_item("rec-3").status == "done"
    log = audit_log("rec-3")  # the signed-in identity (e-mail in lower case), the name shown
    assert set(log["who"]) == {"oidc:ed@example.org"} and set(log["who_name"]) == {"Ed Li"}
    assert get_item("rec-3").updated_by == "Ed Li"


@pytest.mark.parametrize("lang", LANGS)
def test_a_signed_in_viewer_is_told_their_role(lang: str, roles_file) -> None:
    t = translator(lang)
    at = open_as("import", lang, lambda a: sign_in(a, "guest@example.org"))
    assert not at.exception
    assert not keys(at) & WRITES["import"]
    mine, needed = t("auth.role_viewer"), t("auth.role_editor")
    note = t("auth.why_role", doing=t("auth.doing_import"), role=needed, mine=mine)
    assert any(note in c for c in captions(at))
    side = plain(" ".join(c.value for c in at.sidebar.caption))
    assert t("auth.signed_in", name="guest@example.org", role=mine) in side


# ---- the server-side guard: controls drawn for this computer, the write asked from elsewhere


def act_from(monkeypatch: pytest.MonkeyPatch, address: str) -> None:
    monkeypatch.setattr(auth.internals, "peer_address", lambda: address)


def test_a_checklist_save_from_elsewhere_is_refused_and_nothing_is_written(monkeypatch) -> None:
    t = translator("en")
    at = run_page("checklist", "en", item="rec-3")
    at.text_input(key="ck_who").input("Ana").run()
    before = get_item("rec-3")
    at.selectbox(key="ck_status_rec-3").set_value("done")
    (save,) = [b for b in at.button if str(b.key).startswith("FormSubmitter:ck_form_rec-3")]
    act_from(monkeypatch, ELSEWHERE)
    save.click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("auth.refused_checklist")]
    assert get_item("rec-3") == before and audit_log("rec-3").empty


def test_a_scenario_save_or_delete_from_elsewhere_is_refused(monkeypatch) -> None:
    zh = translator("zh")
    at = run_page("scenarios", "zh")
    at.button(key="sc_preset_model").click().run()
    at.button(key="sc_save").click().run()  # saved from this computer
    name = at.text_input(key="sc_name").value
    assert scenarios.saved()["name"].tolist() == [name]
    at.checkbox(key="sc_overwrite").check()
    at.text_input(key="sc_name").input("另一个方案")
    act_from(monkeypatch, ELSEWHERE)
    at.button(key="sc_save").click().run()
    assert [e.value for e in at.error] == [zh("auth.refused_scenario")]
    act_from(monkeypatch, "127.0.0.1")
    at.run()  # draws the delete button again (for this computer)
    act_from(monkeypatch, ELSEWHERE)
    at.button(key="sc_delete").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [zh("auth.refused_scenario")]
    assert scenarios.saved()["name"].tolist() == [name]


def test_an_import_from_elsewhere_is_refused_and_makes_no_snapshot(data_copy, monkeypatch) -> None:
    zh = translator("zh")
    at = run_page("import", "zh")
    at.file_uploader(key="imp_file").upload("名册.csv", fixture_bytes())
    act_from(monkeypatch, ELSEWHERE)
    at.button(key="imp_submit").click().run()
    assert not at.exception
    assert zh("auth.refused_import") in [w.value for w in at.warning]
    assert roster.list_snapshots() == []


def test_a_broken_role_file_is_named_in_the_sidebar_and_gives_no_one_a_role(
    roles_file, lang: str = "zh"
) -> None:
    t = translator(lang)
    roles_file.write_text('[emails]\n"ed@example.org" = "owner"\n', encoding="utf-8")
    at = open_as("checklist", lang, lambda a: sign_in(a, "ed@example.org"), item="rec-3")
    assert not at.exception
    assert [e.value for e in at.sidebar.error] == [
        t("auth.bad_role", where="ed@example.org", value="owner")
    ]
    assert not keys(at) & WRITES["checklist"]
    mine, needed = t("auth.role_viewer"), t("auth.role_editor")
    note = t("auth.why_role", doing=t("auth.doing_checklist"), role=needed, mine=mine)
    assert any(note in c for c in captions(at))
