"""The imports an older version kept inside the data folder (data/snapshots/<id>.parquet
listed in manifest.json) become drafts in the state store, once. The old files stay where
they are; nothing is written into the data folder. (Its state file, data/atlas_state.sqlite,
is taken over by app.data.store when it creates the default file.)
"""

from __future__ import annotations

import json

from app.core.config import DataPaths
from app.data import snapshots
from app.data.snapshots import SNAPSHOT_ID
from app.data.store import Store, now, open_store

MOVED = "legacy_snapshots_moved"  # the store_meta key saying the imports were taken over


def adopt_snapshots(paths: DataPaths, store: Store | None = None) -> int:
    """Snapshots an older version kept as files in the data folder (manifest.json and
    <id>.parquet) become drafts in the store, once; the files stay where they are.
    Returns how many were taken."""
    manifest = paths.snapshots / "manifest.json"
    store = store or open_store()
    with store.reading() as con:
        done = con.execute("SELECT 1 FROM store_meta WHERE key = ?", [MOVED]).fetchone()
    if done or not manifest.is_file():
        return 0
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))["snapshots"]
    except (OSError, ValueError, KeyError, TypeError):
        return 0
    taken = 0
    with store.transaction() as con:
        for e in entries:
            sid = str(e.get("snapshot_id", ""))
            path = paths.snapshots / f"{sid}.parquet"
            if not SNAPSHOT_ID.match(sid) or not path.is_file() or snapshots.exists(con, sid):
                continue
            con.execute(
                "INSERT INTO snapshot (snapshot_id, created_at, created_by, file_name, rows,"
                " note, body) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    sid,
                    e["created_at"],
                    "",
                    e["file_name"],
                    e["rows"],
                    e.get("note", ""),
                    path.read_bytes(),
                ],
            )
            taken += 1
        con.execute("INSERT INTO store_meta (key, value) VALUES (?, ?)", [MOVED, now()])
    return taken
