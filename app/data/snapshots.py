"""Imported snapshots in the state store: drafts, the published pointer and their audit.

An import becomes a draft: its agencies (as Parquet bytes) and who imported which file
when. Every reader sees the published snapshot, the seed until an admin publishes an
import; a draft is seen only by whoever opens it by id. Publishing, withdrawing and
deleting are admin actions and each leaves a row in the snapshot audit. The store's one
write lock makes "choose a free id, write the rows" atomic, so two imports in the same
second get two ids.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from app.core.config import SEED_SNAPSHOT
from app.core.errors import UserError
from app.core.md import excerpt
from app.core.models import Agency
from app.core.roles import Actor
from app.data import build
from app.data.store import Store, now, open_store

SNAPSHOT_ID = re.compile(r"^import-\d{8}-\d{6}(-\d+)?$")
PENDING_ID = "import-pending"  # what validated rows carry until an id is reserved
FILE_NAME_CHARS = 120
AUDIT_COLUMNS = ["snapshot_id", "action", "who", "who_name", "at"]


class SnapshotError(UserError):
    """A snapshot action refused (nothing changed): an unknown id, the seed, the
    published snapshot deleted, ..."""


@dataclass(frozen=True)
class Snapshot:
    snapshot_id: str
    created_at: str
    file_name: str
    rows: int
    note: str = ""
    created_by: str = ""
    created_by_name: str = ""

    @property
    def who(self) -> str:
        """Who imported it, as people read it: the name, else the identity."""
        return self.created_by_name or self.created_by


LIST_SQL = (
    "SELECT snapshot_id, created_at, file_name, rows, note, created_by, created_by_name"
    " FROM snapshot"
)


def _snapshot(row) -> Snapshot:
    return Snapshot(**{k: row[k] for k in Snapshot.__dataclass_fields__})


def list_snapshots(store: Store | None = None) -> list[Snapshot]:
    """Imported snapshots (drafts and the published one), oldest first."""
    with (store or open_store()).reading() as con:
        rows = con.execute(LIST_SQL + " ORDER BY created_at, snapshot_id").fetchall()
    return [_snapshot(r) for r in rows]


def get(snapshot_id: str, store: Store | None = None) -> Snapshot | None:
    with (store or open_store()).reading() as con:
        row = con.execute(LIST_SQL + " WHERE snapshot_id = ?", [snapshot_id]).fetchone()
    return _snapshot(row) if row else None


def snapshot_ids(store: Store | None = None) -> list[str]:
    """The seed first, then imports oldest to newest."""
    return [SEED_SNAPSHOT, *(s.snapshot_id for s in list_snapshots(store))]


def published_id(store: Store | None = None) -> str:
    """The snapshot every reader sees: the seed until an import is published."""
    with (store or open_store()).reading() as con:
        row = con.execute("SELECT snapshot_id FROM published WHERE slot = 1").fetchone()
    return row["snapshot_id"] if row else SEED_SNAPSHOT


def agencies_table(snapshot_id: str, store: Store | None = None) -> pa.Table:
    """The agencies of an imported snapshot (KeyError if there is none of that id)."""
    with (store or open_store()).reading() as con:
        row = con.execute("SELECT body FROM snapshot WHERE snapshot_id = ?", [snapshot_id])
        found = row.fetchone()
    if found is None:
        raise KeyError(snapshot_id)
    return pq.read_table(io.BytesIO(bytes(found["body"])))


def _parquet_bytes(agencies: Sequence[Agency], snapshot_id: str) -> bytes:
    rows = [a.model_copy(update={"snapshot": snapshot_id}) for a in agencies]
    sink = io.BytesIO()
    pq.write_table(build.arrow_table(Agency, rows), sink)  # type: ignore[arg-type]
    return sink.getvalue()


def _free_id(con, when: datetime) -> str:
    taken = {r["snapshot_id"] for r in con.execute("SELECT snapshot_id FROM snapshot")}
    base = f"import-{when:%Y%m%d-%H%M%S}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _audit(con, snapshot_id: str, action: str, actor: Actor, at: str) -> None:
    con.execute(
        "INSERT INTO snapshot_audit (snapshot_id, action, who, who_name, at)"
        " VALUES (?, ?, ?, ?, ?)",
        [snapshot_id, action, actor.identity, actor.name, at],
    )


def save(
    agencies: Sequence[Agency],
    file_name: str,
    note: str,
    actor: Actor,
    when: datetime,
    store: Store | None = None,
) -> Snapshot:
    """Store the agencies as a new draft under a free id (refused unless the actor may
    import). The rows are written in one transaction: all of them or none."""
    actor.require("import")
    at = when.isoformat(timespec="seconds")
    with (store or open_store()).transaction() as con:
        snapshot_id = _free_id(con, when)
        snap = Snapshot(
            snapshot_id,
            at,
            excerpt(Path(file_name).name, FILE_NAME_CHARS) or "roster",
            len(agencies),
            note.strip()[:500],
            actor.identity,
            actor.name,
        )
        con.execute(
            "INSERT INTO snapshot (snapshot_id, created_at, created_by, created_by_name,"
            " file_name, rows, note, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                snap.snapshot_id,
                snap.created_at,
                snap.created_by,
                snap.created_by_name,
                snap.file_name,
                snap.rows,
                snap.note,
                _parquet_bytes(agencies, snapshot_id),
            ],
        )
        _audit(con, snapshot_id, "import", actor, now())
    return snap


def _set_published(con, snapshot_id: str, actor: Actor, at: str) -> None:
    con.execute(
        "INSERT INTO published (slot, snapshot_id, at, who) VALUES (1, ?, ?, ?)"
        " ON CONFLICT (slot) DO UPDATE SET snapshot_id = excluded.snapshot_id,"
        " at = excluded.at, who = excluded.who",
        [snapshot_id, at, actor.identity],
    )


def _current(con) -> str:
    row = con.execute("SELECT snapshot_id FROM published WHERE slot = 1").fetchone()
    return row["snapshot_id"] if row else SEED_SNAPSHOT


def exists(con, snapshot_id: str) -> bool:
    found = con.execute("SELECT 1 FROM snapshot WHERE snapshot_id = ?", [snapshot_id])
    return found.fetchone() is not None


def publish(snapshot_id: str, actor: Actor, store: Store | None = None) -> None:
    """Make an imported snapshot (or the seed again) what every reader sees."""
    actor.require("publish")
    with (store or open_store()).transaction() as con:
        if snapshot_id != SEED_SNAPSHOT and not exists(con, snapshot_id):
            raise SnapshotError("snapshots.error_unknown", id=snapshot_id)
        if _current(con) == snapshot_id:
            raise SnapshotError("snapshots.error_already_published", id=snapshot_id)
        at = now()
        _set_published(con, snapshot_id, actor, at)
        _audit(con, snapshot_id, "publish", actor, at)


def withdraw(actor: Actor, store: Store | None = None) -> str:
    """The published import becomes a draft again and readers see the seed; returns the
    id withdrawn. Refused when the seed is what is published."""
    actor.require("withdraw")
    with (store or open_store()).transaction() as con:
        current = _current(con)
        if current == SEED_SNAPSHOT:
            raise SnapshotError("snapshots.error_nothing_published")
        at = now()
        _set_published(con, SEED_SNAPSHOT, actor, at)
        _audit(con, current, "withdraw", actor, at)
    return current


def delete(snapshot_id: str, actor: Actor, store: Store | None = None) -> None:
    """Delete a draft (never the seed, never the published snapshot: withdraw it first)."""
    actor.require("delete")
    with (store or open_store()).transaction() as con:
        if snapshot_id == SEED_SNAPSHOT:
            raise SnapshotError("snapshots.error_seed")
        if not exists(con, snapshot_id):
            raise SnapshotError("snapshots.error_unknown", id=snapshot_id)
        if _current(con) == snapshot_id:
            raise SnapshotError("snapshots.error_delete_published", id=snapshot_id)
        con.execute("DELETE FROM snapshot WHERE snapshot_id = ?", [snapshot_id])
        _audit(con, snapshot_id, "delete", actor, now())


def history(store: Store | None = None) -> pd.DataFrame:
    """Every import, publish, withdraw and delete, newest first."""
    with (store or open_store()).reading() as con:
        rows = con.execute(
            f"SELECT {', '.join(AUDIT_COLUMNS)} FROM snapshot_audit ORDER BY id DESC"
        ).fetchall()
    return pd.DataFrame([dict(r) for r in rows], columns=AUDIT_COLUMNS, dtype=object)
