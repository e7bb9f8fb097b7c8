"""Checklist store: items from the source, versioned saves, audit log, crash safety, exports."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from app.checklist import export, model, store, table
from app.checklist.model import EditError, StaleEdit
from app.core.config import ROOT, data_paths
from app.core.roles import Refused
from app.data import db, exports
from app.data import store as state_store
from app.data.store import PostgresStore, SqliteStore
from app.ui import editor
from tests.actors import EDITOR, LOCAL, VIEWER

NOTE = '<script>alert("x")</script> =HYPERLINK("http://evil","click")'


@pytest.fixture(scope="module")
def source() -> tuple[pd.DataFrame, pd.DataFrame]:
    con = db.connect(data_paths())
    return db.view(con, "recommendations"), db.view(con, "sources")


@pytest.fixture
def state_file(tmp_path: Path) -> Path:
    return tmp_path / "private" / "atlas_state.sqlite"


@pytest.fixture
def state(state_file: Path) -> SqliteStore:
    """A store of the test's own, not the default one (which the app would use)."""
    return SqliteStore(state_file)


def test_items_come_from_the_source_with_their_excerpt(
    source, state_file: Path, state: SqliteStore
) -> None:
    items = table.items(*source, store=state)
    assert len(items) == 33 and items["rec_id"].is_unique
    assert (items["category"] == "recommendation").sum() == 3
    assert (items["category"] == "integration").sum() == 5
    assert items["group_category"].drop_duplicates().tolist() == [
        "recommendation",
        "integration",
        "principle",
    ]
    cdo = items.set_index("rec_id").loc["rec-2.2"]
    assert cdo["group_id"] == "rec-2" and cdo["addresses"] == "coordination_push"
    assert cdo["excerpt"] == "建立數字政府首席數據官制度"  # the source's own characters
    assert items.set_index("rec_id").at["int-5.1", "excerpt"].endswith("組建江蘇省大數據公司")
    assert set(items["status"]) == {"not_recorded"} and set(items["version"]) == {0}
    assert state_file.exists()  # created on first use


def test_default_location_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Beside the data folder, never inside it (the data folder is read-only at run time);
    ATLAS_STATE_DB names another file; ATLAS_STATE_URL another store."""
    monkeypatch.delenv(state_store.FILE_ENV, raising=False)
    monkeypatch.delenv(state_store.URL_ENV, raising=False)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(tmp_path / "d"))
    default = (tmp_path / "state" / "atlas_state.sqlite").resolve()
    assert state_store.default_sqlite_path() == default
    assert state_store.open_store() == SqliteStore(default)
    monkeypatch.setenv(state_store.FILE_ENV, str(tmp_path / "x.sqlite"))
    assert state_store.open_store() == SqliteStore((tmp_path / "x.sqlite").resolve())
    monkeypatch.setenv(state_store.URL_ENV, f"sqlite:///{tmp_path / 'y.sqlite'}")
    assert state_store.open_store() == SqliteStore((tmp_path / "y.sqlite").resolve())
    monkeypatch.setenv(state_store.URL_ENV, "postgresql://atlas@127.0.0.1:5432/atlas")
    assert state_store.open_store() == PostgresStore("postgresql://atlas@127.0.0.1:5432/atlas")
    monkeypatch.setenv(state_store.URL_ENV, "mysql://x")
    with pytest.raises(ValueError, match="ATLAS_STATE_URL"):
        state_store.open_store()


def test_save_versions_and_audits_every_changed_field(state: SqliteStore) -> None:
    """The audit's who is the actor's identity; who_name how they are shown: a signed-in
    user's own name, else the name typed at this computer."""
    edit = model.make_edit("in_progress", "省政务办", date(2026, 12, 31), "kick-off")
    s1 = store.save_item("rec-1.1", 0, edit, LOCAL, "Ana", state)
    assert s1.version == 1 and s1.updated_by == "Ana"
    same = store.save_item("rec-1.1", 1, edit, LOCAL, "Ana", state)
    assert same.version == 1  # nothing changed: no new version, no audit rows
    done = model.make_edit("done", "省政务办", None, "kick-off")
    s2 = store.save_item("rec-1.1", 1, done, EDITOR, "Ben", state)  # a typed name can't rename
    assert s2.version == 2 and s2.updated_by == "Ed"
    log = store.audit_log("rec-1.1", store=state)
    ed, local = ["oidc:ed@example.org", "Ed"], ["local:test", "Ana"]
    assert log[["version", "who", "who_name", "field", "old", "new"]].values.tolist() == [
        [2, *ed, "due", "2026-12-31", None],
        [2, *ed, "status", "in_progress", "done"],
        [1, *local, "notes", "", "kick-off"],
        [1, *local, "due", None, "2026-12-31"],
        [1, *local, "owner", "", "省政务办"],
        [1, *local, "status", "not_recorded", "in_progress"],
    ]
    assert store.get_item("rec-1.1", store=state) == s2


def test_a_viewer_cannot_save_and_nothing_is_written(state: SqliteStore) -> None:
    store.save_item("rec-1.2", 0, model.make_edit("done", "", None, "kept"), LOCAL, "Ana", state)
    with pytest.raises(Refused) as e:
        store.save_item(
            "rec-1.2", 1, model.make_edit("blocked", "", None, "x"), VIEWER, "Eve", state
        )
    assert e.value.key == "auth.refused_checklist"
    assert (store.get_item("rec-1.2", store=state).notes, len(store.audit_log(store=state))) == (
        "kept",
        2,
    )


def test_a_stale_save_is_refused_and_changes_nothing(state: SqliteStore) -> None:
    first = model.make_edit("in_progress", "A", None, "first text")
    store.save_item("int-2.3", 0, first, LOCAL, "Ana", state)
    second = model.make_edit("blocked", "B", None, "second text")
    with pytest.raises(StaleEdit) as e:
        store.save_item("int-2.3", 0, second, LOCAL, "Ben", state)
    assert e.value.current.notes == "first text" and e.value.current.version == 1
    assert store.get_item("int-2.3", store=state).notes == "first text"
    assert len(store.audit_log("int-2.3", store=state)) == 3


def test_an_untouched_item_is_not_recorded_and_not_started_only_when_chosen(
    source, state: SqliteStore
) -> None:
    assert model.blank("rec-1").status == "not_recorded" == model.ItemEdit().status
    # a save of the owner alone records no status
    store.save_item(
        "rec-1", 0, model.make_edit("not_recorded", "Ana", None, ""), LOCAL, "Ana", state
    )
    assert store.get_item("rec-1", store=state).status == "not_recorded"
    # "not started", chosen, is a status like any other
    store.save_item(
        "rec-1", 1, model.make_edit("not_started", "Ana", None, ""), LOCAL, "Ben", state
    )
    assert store.get_item("rec-1", store=state).status == "not_started"
    log = store.audit_log("rec-1", store=state)
    assert log[["who_name", "field", "old", "new"]].values.tolist()[0] == [
        "Ben",
        "status",
        "not_recorded",
        "not_started",
    ]
    items = table.items(*source, store=state)
    assert table.filtered(items, ["not_started"])["rec_id"].tolist() == ["rec-1"]
    assert len(table.filtered(items, ["not_recorded"])) == 32
    assert len(table.recorded(items)) == 1
    assert table.last_saved(items)[1] == "Ben"


def test_rows_of_an_existing_state_file_keep_their_meaning(source, state: SqliteStore) -> None:
    """Before "not recorded", a row saved for its owner or notes stored the form's default
    "not_started" with no audit entry for its status: that reads as not recorded; a status
    someone saved stays what they chose."""
    with state.transaction() as con:
        con.executemany(
            "INSERT INTO checklist_item (rec_id, status, owner, due, notes, version,"
            " updated_at, updated_by) VALUES (?, ?, ?, NULL, '', 1, ?, ?)",
            [
                ("rec-1", "not_started", "Ana", "2024-05-01T08:00:00+00:00", "Ana"),
                ("rec-2", "not_started", "", "2024-05-02T08:00:00+00:00", "Ben"),
                ("rec-3", "done", "", "2024-05-03T08:00:00+00:00", "Ben"),
            ],
        )
        con.executemany(
            "INSERT INTO checklist_audit (rec_id, who, at, field, old, new, version)"
            " VALUES (?, ?, ?, ?, ?, ?, 1)",
            [
                ("rec-1", "Ana", "2024-05-01T08:00:00+00:00", "owner", "", "Ana"),
                ("rec-2", "Ben", "2024-05-02T08:00:00+00:00", "status", "done", "not_started"),
                ("rec-3", "Ben", "2024-05-03T08:00:00+00:00", "status", "not_started", "done"),
            ],
        )
    states = store.all_states(state)
    assert {k: s.status for k, s in states.items()} == {
        "rec-1": "not_recorded",
        "rec-2": "not_started",
        "rec-3": "done",
    }
    assert store.get_item("rec-1", store=state).status == "not_recorded"
    # saving the untouched default again changes nothing (no new version, no audit row)
    same = model.make_edit("not_recorded", "Ana", None, "")
    assert store.save_item("rec-1", 1, same, LOCAL, "Ana", state).version == 1


def test_bad_input_gives_message_keys(state: SqliteStore) -> None:
    for args, key in (
        (("nope", "", None, ""), "checklist.error_status"),
        (("done", "x" * 81, None, ""), "checklist.error_owner_long"),
        (("done", "", None, "n" * 4001), "checklist.error_notes_long"),
        (("done", "", "2026-02-30", ""), "checklist.error_field"),
    ):
        with pytest.raises(EditError) as e:
            model.make_edit(*args)
        assert e.value.key == key
    for who, key in (("  ", "checklist.error_who_missing"), ("w" * 81, "checklist.error_who_long")):
        with pytest.raises(EditError) as e:
            store.save_item("rec-1", 0, model.ItemEdit(), LOCAL, who, state)
        assert e.value.key == key
    with pytest.raises(EditError) as e:
        store.save_item("zzz", 0, model.ItemEdit(), LOCAL, "Ana", state, known={"rec-1"})
    assert e.value.key == "checklist.error_unknown_item"


def test_an_error_inside_the_transaction_rolls_back(state: SqliteStore, monkeypatch) -> None:
    store.save_item("rec-3", 0, model.make_edit("done", "", None, "ok"), LOCAL, "Ana", state)

    def broken_now() -> str:
        raise RuntimeError("disk gone")

    with monkeypatch.context() as patched:
        patched.setattr(store, "now", broken_now)
        with pytest.raises(RuntimeError):
            edit = model.make_edit("blocked", "", None, "x")
            store.save_item("rec-3", 1, edit, LOCAL, "A", state)
    assert store.get_item("rec-3", store=state).notes == "ok"


def test_a_process_killed_mid_save_leaves_the_file_readable(
    state_file: Path, state: SqliteStore
) -> None:
    store.save_item("rec-2", 0, model.make_edit("done", "", None, "kept"), LOCAL, "Ana", state)
    script = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        from app.data.store import SqliteStore
        with SqliteStore(Path({str(state_file)!r})).transaction() as con:
            con.execute("UPDATE checklist_item SET notes = 'half', version = 99")
            con.execute("INSERT INTO checklist_audit (rec_id, who, at, field, version)"
                        " VALUES ('rec-2', 'x', 'now', 'notes', 99)")
            os._exit(1)  # the process dies before COMMIT
        """
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=False)
    assert run.returncode == 1
    with sqlite3.connect(state_file) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    item = store.get_item("rec-2", store=state)
    assert (item.notes, item.version) == ("kept", 1)
    assert len(store.audit_log("rec-2", store=state)) == 2


def test_progress_filters_and_overall(source, state: SqliteStore) -> None:
    store.save_item("rec-1", 0, model.make_edit("done", "Ana", None, ""), LOCAL, "Ana", state)
    store.save_item("rec-1.1", 0, model.make_edit("done", "Ana", None, ""), LOCAL, "Ana", state)
    store.save_item("int-1", 0, model.make_edit("blocked", "Ben", None, ""), LOCAL, "Ben", state)
    items = table.items(*source, store=state)
    assert table.overall(items) == (2, 33)
    by_group = table.progress(items).set_index("group_id")
    assert by_group.loc["rec-1", ["done", "not_recorded", "total"]].tolist() == [2, 2, 4]
    assert by_group.loc["rec-1", "done_share"] == 0.5
    assert by_group.loc["int-1", "blocked"] == 1
    by_cat = table.progress(items, by="group_category").set_index("group_category")
    assert by_cat["total"].to_dict() == {"recommendation": 12, "integration": 15, "principle": 6}
    assert table.filtered(items, statuses=["done"])["rec_id"].tolist() == ["rec-1", "rec-1.1"]
    assert table.filtered(items, owners=["Ben"])["rec_id"].tolist() == ["int-1"]
    assert len(table.filtered(items, ["done"], ["Ben"])) == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_exports_keep_a_hostile_note_as_text(source, state: SqliteStore, lang: str) -> None:
    store.save_item("rec-2.2", 0, model.make_edit("done", "=1+1", None, NOTE), LOCAL, "A", state)
    items = table.items(*source, store=state)
    frame = export.export_frame(items, lang)
    book = openpyxl.load_workbook(io.BytesIO(exports.to_bytes(frame, "xlsx", "checklist")))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "rec-2.2")
    notes, owner = row[header.index("notes")], row[header.index("owner")]
    assert notes.data_type == "s" and notes.value == NOTE  # starts with '<': kept verbatim, as text
    assert owner.value == "'=1+1"
    assert not any(c.data_type == "f" for r in sheet.iter_rows() for c in r)  # no formula anywhere
    md = export.to_markdown(items, lang)
    assert "<script>" not in md and "&lt;script&gt;" in md
    line = next(ln for ln in md.splitlines() if ln.startswith("| rec\\-2\\.2"))
    assert "&lt;script&gt;alert" in line and "HYPERLINK" in line
    assert line.count(" | ") == 4  # the note did not break the table


def test_concurrent_saves_on_one_version_let_exactly_one_through(state: SqliteStore) -> None:
    store.get_item("rec-1.3", store=state)  # create the file first

    def save(who: str) -> str:
        try:
            edit = model.make_edit("in_progress", who, None, f"{who} was here")
            store.save_item("rec-1.3", 0, edit, LOCAL, who, state)
        except StaleEdit:
            return "stale"
        return "saved"

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(save, ["A", "B", "C", "D"]))
    assert sorted(results) == ["saved", "stale", "stale", "stale"]
    item = store.get_item("rec-1.3", store=state)
    assert item.version == 1 and item.notes == f"{item.owner} was here"


def test_signed_in_user_is_the_editor() -> None:
    assert editor.signed_in_name({"is_logged_in": True, "name": "Li Hua"}) == "Li Hua"
    assert editor.signed_in_name({"is_logged_in": True, "email": "a@b.cn"}) == "a@b.cn"
    assert editor.signed_in_name({"is_logged_in": False, "name": "x"}) is None
    assert editor.signed_in_name({}) is None
