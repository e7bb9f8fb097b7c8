"""The state store on both backends (SQLite file, a real PostgreSQL): checklist saves and
their audit, saved scenarios, draft snapshots, the published pointer, role refusals."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from app.checklist import store as checklist
from app.checklist.model import StaleEdit, make_edit
from app.core.config import SEED_SNAPSHOT, DataPaths
from app.core.models import Agency
from app.core.roles import VIEWER, Actor, Refused, Role
from app.data import db, snapshots
from app.data.store import SqliteStore, open_store
from app.scenarios import store as scenarios
from app.scenarios.model import Scenario, ScenarioError

ADMIN = Actor("oidc:ada@example.org", "Ada", Role.ADMIN)
EDITOR = Actor("oidc:ed@example.org", "Ed", Role.EDITOR)
LOCAL = Actor("local:someone", "", Role.ADMIN)


def seed_agencies(paths: DataPaths) -> list[Agency]:
    con = db.connect(paths)
    frame = db.query(con, "SELECT * FROM agencies WHERE snapshot = 'seed' LIMIT 5")
    return [Agency.model_validate(r) for r in frame.to_dict("records")]


def test_checklist_save_versions_audit_and_identity(any_store) -> None:
    edit = make_edit("in_progress", "数据局", "2027-01-31", "first")
    saved = checklist.save_item("rec-2.2", 0, edit, EDITOR, store=any_store)
    assert (saved.version, saved.updated_by) == (1, "Ed")
    # a typed label is only shown: the audit keeps the signed-in identity
    again = make_edit("done", "数据局", "2027-01-31", "second")
    checklist.save_item("rec-2.2", 1, again, LOCAL, label="Typed Name", store=any_store)
    item = checklist.get_item("rec-2.2", any_store)
    assert (item.status, item.notes, item.version, item.updated_by) == (
        "done",
        "second",
        2,
        "Typed Name",
    )
    log = checklist.audit_log("rec-2.2", any_store)
    assert list(log["who"]) == ["local:someone"] * 2 + ["oidc:ed@example.org"] * 4
    assert set(log[log["who"] == "local:someone"]["who_name"]) == {"Typed Name"}
    assert log.iloc[0]["version"] == 2


def test_a_stale_save_is_refused_and_writes_nothing(any_store) -> None:
    checklist.save_item("rec-1", 0, make_edit("done", "", None, ""), EDITOR, store=any_store)
    with pytest.raises(StaleEdit) as stale:
        checklist.save_item("rec-1", 0, make_edit("blocked", "", None, ""), ADMIN, store=any_store)
    assert stale.value.current.version == 1 and stale.value.current.updated_by == "Ed"
    assert checklist.get_item("rec-1", any_store).status == "done"
    assert len(checklist.audit_log("rec-1", any_store)) == 1


def test_viewers_cannot_write_anything(any_store, data_copy: DataPaths) -> None:
    with pytest.raises(Refused):
        checklist.save_item("rec-1", 0, make_edit("done", "", None, ""), VIEWER, store=any_store)
    with pytest.raises(Refused):
        scenarios.save(Scenario(name="x", steps=[]), VIEWER, False, any_store)
    with pytest.raises(Refused):
        snapshots.save(seed_agencies(data_copy), "r.csv", "", VIEWER, NOW, any_store)
    snap = snapshots.save(seed_agencies(data_copy), "r.csv", "", EDITOR, NOW, any_store)
    for refused in (
        lambda: snapshots.publish(snap.snapshot_id, EDITOR, any_store),
        lambda: snapshots.delete(snap.snapshot_id, EDITOR, any_store),
        lambda: snapshots.withdraw(EDITOR, any_store),
    ):
        with pytest.raises(Refused):
            refused()
    assert checklist.all_states(any_store) == {}
    assert scenarios.saved(any_store).empty
    assert snapshots.published_id(any_store) == SEED_SNAPSHOT
    assert list(snapshots.history(any_store)["action"]) == ["import"]


def test_scenarios_save_overwrite_delete(any_store) -> None:
    scenario = Scenario(name="合并", note="n", steps=[])
    assert scenarios.save(scenario, EDITOR, False, any_store) == 1
    with pytest.raises(ScenarioError):
        scenarios.save(scenario, EDITOR, False, any_store)
    assert scenarios.save(scenario, ADMIN, True, any_store) == 2
    table = scenarios.saved(any_store)
    assert list(table["name"]) == ["合并"] and table.iloc[0]["saved_by"] == "Ada"
    assert scenarios.load("合并", any_store).note == "n"
    assert scenarios.delete("合并", EDITOR, any_store)
    assert not scenarios.delete("合并", EDITOR, any_store)


NOW = pd.Timestamp("2026-11-27 10:00:00").to_pydatetime()


def test_imports_are_drafts_until_an_admin_publishes(any_store, data_copy: DataPaths) -> None:
    rows = seed_agencies(data_copy)
    first = snapshots.save(rows, "../名册 one.csv", " note ", EDITOR, NOW, any_store)
    second = snapshots.save(rows, "two.xlsx", "", EDITOR, NOW, any_store)
    # two imports in the same second: two ids, both drafts
    assert first.snapshot_id == "import-20261127-100000"
    assert second.snapshot_id == "import-20261127-100000-2"
    assert (first.file_name, first.note, first.who) == ("名册 one.csv", "note", "Ed")
    assert snapshots.published_id(any_store) == SEED_SNAPSHOT
    assert snapshots.snapshot_ids(any_store) == [
        SEED_SNAPSHOT,
        first.snapshot_id,
        second.snapshot_id,
    ]
    table = snapshots.agencies_table(first.snapshot_id, any_store)
    assert table.num_rows == len(rows)
    assert set(table.column("snapshot").to_pylist()) == {first.snapshot_id}

    snapshots.publish(first.snapshot_id, ADMIN, any_store)
    assert snapshots.published_id(any_store) == first.snapshot_id
    with pytest.raises(snapshots.SnapshotError, match="already"):
        snapshots.publish(first.snapshot_id, ADMIN, any_store)
    with pytest.raises(snapshots.SnapshotError, match="withdraw it"):
        snapshots.delete(first.snapshot_id, ADMIN, any_store)
    assert snapshots.withdraw(ADMIN, any_store) == first.snapshot_id
    assert snapshots.published_id(any_store) == SEED_SNAPSHOT
    with pytest.raises(snapshots.SnapshotError):
        snapshots.withdraw(ADMIN, any_store)
    snapshots.delete(second.snapshot_id, ADMIN, any_store)
    with pytest.raises(snapshots.SnapshotError):
        snapshots.delete(SEED_SNAPSHOT, ADMIN, any_store)
    with pytest.raises(snapshots.SnapshotError):
        snapshots.publish("import-20990101-000000", ADMIN, any_store)
    assert [s.snapshot_id for s in snapshots.list_snapshots(any_store)] == [first.snapshot_id]
    log = snapshots.history(any_store)
    assert list(log["action"]) == ["delete", "withdraw", "publish", "import", "import"]
    assert set(log["who"]) == {"oidc:ada@example.org", "oidc:ed@example.org"}


def test_open_store_reads_the_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("ATLAS_STATE_URL", raising=False)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ATLAS_STATE_DB", raising=False)
    # the data folder is only read at run time: the state lives beside it
    assert open_store() == SqliteStore((tmp_path / "state" / "atlas_state.sqlite").resolve())
    monkeypatch.setenv("ATLAS_STATE_URL", f"sqlite://{tmp_path}/s.sqlite")
    assert open_store() == SqliteStore(tmp_path / "s.sqlite")
    monkeypatch.setenv("ATLAS_STATE_URL", "postgresql://u@h:5/db")
    assert open_store().name == "postgresql"
    monkeypatch.setenv("ATLAS_STATE_URL", "mysql://nope")
    with pytest.raises(ValueError, match="ATLAS_STATE_URL"):
        open_store()


def first_opens_at_once(store: SqliteStore, sessions: int = 8) -> list[BaseException]:
    """What `sessions` threads opening the store at the same moment raised."""
    barrier = threading.Barrier(sessions)
    failures: list[BaseException] = []

    def first_read() -> None:
        barrier.wait()
        try:
            with store.reading() as con:
                con.execute("SELECT count(*) FROM checklist_item").fetchone()
        except BaseException as error:  # noqa: BLE001 - collected and reported
            failures.append(error)

    threads = [threading.Thread(target=first_read) for _ in range(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return failures


def test_many_first_opens_of_a_new_file_at_once_all_succeed(tmp_path) -> None:
    """Sessions that open a store file nobody has created yet, at the same moment: each
    gets a working store (a WAL switch does not wait for a busy file by itself). The race
    is short, so it is run on 100 new files."""
    for round_ in range(100):
        store = SqliteStore(tmp_path / f"round-{round_}" / "state.sqlite")
        assert first_opens_at_once(store) == []
