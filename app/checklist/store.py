"""Checklist progress in the state store: items, saves and the audit log.

Each save is one transaction that reads the item's version first (optimistic
concurrency: a save based on a stale version is refused with StaleEdit, never silently
applied) and writes an audit row per changed field (who, when, field, old, new). An
item never saved reads as model.blank; a stored "not_started" that no save ever chose
(no audit row for its status: the old form's default) reads as not recorded
(model.recorded_status), so existing files keep their rows and their meaning.
"""

from __future__ import annotations

import pandas as pd

from app.checklist.model import (
    EDIT_FIELDS,
    EditError,
    ItemEdit,
    ItemState,
    StaleEdit,
    blank,
    editor_name,
    recorded_status,
)
from app.core.roles import Actor
from app.data.store import Store, now, open_store

# who: the identity (signed-in e-mail, local:<user>, cli:<user>); who_name: a display label
AUDIT_COLUMNS = ["rec_id", "version", "who", "who_name", "at", "field", "old", "new"]
# an item with whether any save ever set its status (see model.recorded_status)
ITEM_SQL = (
    "SELECT i.*, EXISTS (SELECT 1 FROM checklist_audit AS a WHERE a.rec_id = i.rec_id"
    " AND a.field = 'status') AS status_saved FROM checklist_item AS i"
)


def _state(row) -> ItemState:
    return ItemState(
        row["rec_id"],
        recorded_status(row["status"], bool(row["status_saved"])),
        row["owner"],
        row["due"],
        row["notes"],
        int(row["version"]),
        row["updated_at"],
        row["updated_by"],
    )


def get_item(rec_id: str, store: Store | None = None) -> ItemState:
    with (store or open_store()).reading() as con:
        row = con.execute(ITEM_SQL + " WHERE i.rec_id = ?", [rec_id]).fetchone()
    return _state(row) if row else blank(rec_id)


def all_states(store: Store | None = None) -> dict[str, ItemState]:
    with (store or open_store()).reading() as con:
        rows = con.execute(ITEM_SQL).fetchall()
    return {r["rec_id"]: _state(r) for r in rows}


def save_item(
    rec_id: str,
    base_version: int,
    edit: ItemEdit,
    actor: Actor,
    label: str = "",
    store: Store | None = None,
    known: set[str] | None = None,
) -> ItemState:
    """Apply an edit made on version base_version; StaleEdit if someone saved since.

    Refused unless the actor may edit the checklist. The audit records the actor's
    identity; label (a typed name, when nobody is signed in) is only shown beside it.
    Returns the stored state (unchanged version when nothing differs).
    """
    actor.require("checklist")
    if known is not None and rec_id not in known:
        raise EditError("checklist.error_unknown_item", rec_id=rec_id)
    shown = actor.name or label
    who_name = editor_name(shown) if shown else ""
    new = edit.stored()
    with (store or open_store()).transaction() as con:
        row = con.execute(ITEM_SQL + " WHERE i.rec_id = ?", [rec_id]).fetchone()
        current = _state(row) if row else blank(rec_id)
        if current.version != base_version:
            raise StaleEdit(current)
        old = {f: getattr(current, f) for f in EDIT_FIELDS}
        changed = [f for f in EDIT_FIELDS if (old[f] or None) != (new[f] or None)]
        if not changed:
            return current
        version = current.version + 1
        at = now()
        con.execute(
            "INSERT INTO checklist_item (rec_id, status, owner, due, notes, version,"
            " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (rec_id) DO UPDATE SET status = excluded.status,"
            " owner = excluded.owner, due = excluded.due, notes = excluded.notes,"
            " version = excluded.version, updated_at = excluded.updated_at,"
            " updated_by = excluded.updated_by",
            [rec_id, *(new[f] for f in EDIT_FIELDS), version, at, who_name or actor.identity],
        )
        con.executemany(
            "INSERT INTO checklist_audit (rec_id, who, who_name, at, field, old, new, version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(rec_id, actor.identity, who_name, at, f, old[f], new[f], version) for f in changed],
        )
    return ItemState(
        rec_id,
        str(new["status"]),
        str(new["owner"]),
        new["due"],
        str(new["notes"]),
        version,
        at,
        who_name or actor.identity,
    )


def audit_log(rec_id: str | None = None, store: Store | None = None) -> pd.DataFrame:
    """Every change, newest first (optionally of one item)."""
    sql = f"SELECT {', '.join(AUDIT_COLUMNS)} FROM checklist_audit"
    params: list[str] = []
    if rec_id:
        sql += " WHERE rec_id = ?"
        params.append(rec_id)
    with (store or open_store()).reading() as con:
        rows = con.execute(sql + " ORDER BY id DESC", params).fetchall()
    return pd.DataFrame([dict(r) for r in rows], columns=AUDIT_COLUMNS, dtype=object)
