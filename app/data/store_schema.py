"""The state store's tables, written once for both backends (app.data.store), and the
number of the PostgreSQL advisory lock every write transaction holds."""

WRITE_LOCK = 7_401_301  # the PostgreSQL advisory lock every write transaction holds

# {id}: an auto-numbered key; {blob}: bytes. Tables are created if missing; columns added
# later are listed in ADDED_COLUMNS so an older SQLite file gains them.
SCHEMA = """
CREATE TABLE IF NOT EXISTS checklist_item (
    rec_id TEXT PRIMARY KEY,
    status TEXT NOT NULL DEFAULT 'not_started',
    owner TEXT NOT NULL DEFAULT '',
    due TEXT,
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT,
    updated_by TEXT
);
CREATE TABLE IF NOT EXISTS checklist_audit (
    id {id},
    rec_id TEXT NOT NULL,
    who TEXT NOT NULL,
    at TEXT NOT NULL,
    field TEXT NOT NULL,
    old TEXT,
    new TEXT,
    version INTEGER NOT NULL,
    who_name TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS checklist_audit_rec ON checklist_audit (rec_id, id);
CREATE TABLE IF NOT EXISTS scenario (
    name TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    saved_at TEXT NOT NULL,
    saved_by TEXT
);
CREATE TABLE IF NOT EXISTS snapshot (
    snapshot_id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_by_name TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL,
    rows INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    body {blob} NOT NULL
);
CREATE TABLE IF NOT EXISTS published (
    slot INTEGER PRIMARY KEY CHECK (slot = 1),
    snapshot_id TEXT NOT NULL,
    at TEXT NOT NULL,
    who TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshot_audit (
    id {id},
    snapshot_id TEXT NOT NULL,
    action TEXT NOT NULL,
    who TEXT NOT NULL,
    who_name TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS store_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""
ADDED_COLUMNS = {"checklist_audit": {"who_name": "TEXT NOT NULL DEFAULT ''"}}
