"""Roster import: a CSV or XLSX of agencies becomes a new snapshot beside the seed.

The parts, each one job: reading (bytes -> rows, bounded by caps, CSV in csv_text, XLSX
in xlsx), validation (rows -> Agency models by the build's own rules), store (a draft
snapshot in the state store: app.data.snapshots), report (messages, template, changes).
Every refusal is an ImportProblem that echoes only short excerpts of what the file holds.

Nothing is written unless every row is valid, and then as a draft that no reader sees
until an admin publishes it. The seed (data/parquet/agencies.parquet) is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.core.config import DataPaths
from app.core.md import excerpt
from app.core.roles import Actor
from app.data.snapshots import PENDING_ID, SNAPSHOT_ID, Snapshot, list_snapshots, save, snapshot_ids
from app.data.store import Store
from app.roster.caps import (
    MAX_BYTES,
    MAX_BYTES_LABEL,
    MAX_CELL,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_UNPACKED,
)
from app.roster.problems import ImportProblem, whole_file
from app.roster.reading import IGNORED_COLUMNS, IMPORT_COLUMNS, OPTIONAL_COLUMNS, read_table
from app.roster.report import (
    CHANGE_KINDS,
    changes,
    loaded_snapshots,
    message,
    problems_frame,
    template_sheets,
    template_xlsx,
)
from app.roster.validation import PROVINCE_PREFIX, load_divisions, safe_file_name, validate

__all__ = [
    "CHANGE_KINDS",
    "IGNORED_COLUMNS",
    "IMPORT_COLUMNS",
    "MAX_BYTES",
    "MAX_BYTES_LABEL",
    "MAX_CELL",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_UNPACKED",
    "OPTIONAL_COLUMNS",
    "PROVINCE_PREFIX",
    "SNAPSHOT_ID",
    "ImportProblem",
    "ImportResult",
    "Snapshot",
    "changes",
    "excerpt",
    "import_roster",
    "list_snapshots",
    "load_divisions",
    "loaded_snapshots",
    "message",
    "problems_frame",
    "read_table",
    "safe_file_name",
    "snapshot_ids",
    "template_sheets",
    "template_xlsx",
    "validate",
    "whole_file",
]


@dataclass(frozen=True)
class ImportResult:
    snapshot: Snapshot | None  # None when nothing was written
    problems: list[ImportProblem]


def import_roster(
    paths: DataPaths,
    data: bytes,
    file_name: str,
    note: str,
    actor: Actor,
    now: datetime | None = None,
    store: Store | None = None,
) -> ImportResult:
    """Validate the file; when every row is valid, store it as a new draft snapshot.
    Refused (roles.Refused, before reading the file) unless the actor may import."""
    actor.require("import")
    agencies, problems = validate(data, file_name, load_divisions(paths), PENDING_ID)
    if problems:
        return ImportResult(None, problems)
    snap = save(agencies, file_name, note, actor, now or datetime.now(), store)
    return ImportResult(snap, [])
