"""An older version kept its state inside the data folder (data/atlas_state.sqlite, and
imports as data/snapshots/<id>.parquet with a manifest). The store takes both over once,
leaving the old files in place: nobody's checklist progress or import is lost."""

from __future__ import annotations

import json
import sqlite3

import pyarrow.parquet as pq

from app.checklist import store as checklist
from app.core.config import SEED_SNAPSHOT
from app.core.models import Agency
from app.core.roles import Actor, Role
from app.data import build, legacy, snapshots
from app.data.store import open_store
from tests.test_store import seed_agencies

OLD_SCHEMA = """
CREATE TABLE checklist_item (rec_id TEXT PRIMARY KEY, status TEXT NOT NULL DEFAULT
 'not_started', owner TEXT NOT NULL DEFAULT '', due TEXT, notes TEXT NOT NULL DEFAULT '',
 version INTEGER NOT NULL DEFAULT 0, updated_at TEXT, updated_by TEXT);
CREATE TABLE checklist_audit (id INTEGER PRIMARY KEY AUTOINCREMENT, rec_id TEXT NOT NULL,
 who TEXT NOT NULL, at TEXT NOT NULL, field TEXT NOT NULL, old TEXT, new TEXT,
 version INTEGER NOT NULL);
CREATE TABLE scenario (name TEXT PRIMARY KEY, body TEXT NOT NULL, version INTEGER NOT NULL
 DEFAULT 1, saved_at TEXT NOT NULL, saved_by TEXT);
INSERT INTO checklist_item VALUES ('rec-1', 'done', '省数据局', NULL, '', 1, '2026-01-05', 'Li');
INSERT INTO checklist_audit (rec_id, who, at, field, old, new, version)
 VALUES ('rec-1', 'Li', '2026-01-05', 'status', 'not_started', 'done', 1);
"""
OLD_ID = "import-20260105-093000"


def test_an_older_data_folder_is_taken_over_once(data_copy, monkeypatch) -> None:
    monkeypatch.delenv("ATLAS_STATE_DB", raising=False)
    monkeypatch.delenv("ATLAS_STATE_URL", raising=False)
    old = sqlite3.connect(data_copy.root / "atlas_state.sqlite")
    old.executescript(OLD_SCHEMA)
    old.close()
    data_copy.snapshots.mkdir()
    rows = [a.model_copy(update={"snapshot": OLD_ID}) for a in seed_agencies(data_copy)]
    pq.write_table(build.arrow_table(Agency, rows), data_copy.snapshots / f"{OLD_ID}.parquet")
    entry = {
        "snapshot_id": OLD_ID,
        "created_at": "2026-01-05T09:30:00",
        "file_name": "旧.csv",
        "rows": len(rows),
        "note": "",
    }
    (data_copy.snapshots / "manifest.json").write_text(json.dumps({"snapshots": [entry]}))

    store = open_store()
    assert store.path == data_copy.root.parent / "state" / "atlas_state.sqlite"
    item = checklist.get_item("rec-1", store)
    assert (item.status, item.owner, item.version) == ("done", "省数据局", 1)
    assert list(checklist.audit_log("rec-1", store)["who_name"]) == [""]  # column added
    assert legacy.adopt_snapshots(data_copy) == 1
    (snap,) = snapshots.list_snapshots()
    assert (snap.snapshot_id, snap.file_name, snap.who) == (OLD_ID, "旧.csv", "")
    assert snapshots.published_id() == SEED_SNAPSHOT  # a draft: publishing is an admin's act
    # once: a draft deleted since does not come back
    snapshots.delete(OLD_ID, Actor("local:x", "", Role.ADMIN))
    assert legacy.adopt_snapshots(data_copy) == 0 and snapshots.list_snapshots() == []
    assert (data_copy.snapshots / f"{OLD_ID}.parquet").exists()  # the old files stay
    assert (data_copy.root / "atlas_state.sqlite").exists()
