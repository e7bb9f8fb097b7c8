"""Imported snapshots on disk: <snapshot_id>.parquet files and the manifest listing them.

Writers take an exclusive lock (fcntl.flock on LOCK_FILE in the snapshots folder) for
the whole of "choose an id, write the parquet file, write the manifest", so two imports
in the same second get two ids and neither loses the other's manifest entry. Files are
written to a temporary name and renamed, so readers, who take no lock, see the manifest
before or after an import, never half of it. What a killed import leaves (temporary
files, a parquet file the manifest does not list) is removed by the next import, or by
clean_leftovers() when the app starts.
"""

from __future__ import annotations

import fcntl
import json
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from app.core.config import SEED_SNAPSHOT, DataPaths
from app.core.md import excerpt
from app.core.models import Agency
from app.data import build
from app.data.atomic import write_bytes

MANIFEST = "manifest.json"
LOCK_FILE = ".import.lock"  # never deleted: removing a lock file races with its takers
LOCK_WAIT_S = 30.0  # an import holds the lock for well under a second
SNAPSHOT_ID = re.compile(r"^import-\d{8}-\d{6}(-\d+)?$")
PENDING_ID = "import-pending"  # what validated rows carry until an id is reserved
FILE_NAME_CHARS = 120


class SnapshotStoreError(Exception):
    """Nothing was written; code names the message (importer.problem_<code>)."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


@dataclass(frozen=True)
class Snapshot:
    snapshot_id: str
    created_at: str
    file_name: str
    rows: int
    note: str = ""


def snapshot_file(paths: DataPaths, snapshot_id: str) -> Path:
    if not SNAPSHOT_ID.match(snapshot_id):
        raise ValueError(f"not a snapshot id: {snapshot_id!r}")
    return paths.snapshots / f"{snapshot_id}.parquet"


def _read_manifest(paths: DataPaths) -> list[Snapshot] | None:
    """The manifest's entries ([] when there is none), or None when it cannot be read."""
    manifest = paths.snapshots / MANIFEST
    if not manifest.exists():
        return []
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))["snapshots"]
        return [Snapshot(**e) for e in entries]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _listed(paths: DataPaths, entries: Sequence[Snapshot]) -> list[Snapshot]:
    """Entries with a valid id and an existing file, each id once (the first entry wins)."""
    seen: set[str] = set()
    snaps = []
    for s in entries:
        sid = s.snapshot_id
        fresh = isinstance(sid, str) and SNAPSHOT_ID.match(sid) and sid not in seen
        if fresh and snapshot_file(paths, sid).exists():
            seen.add(sid)
            snaps.append(s)
    return snaps


def list_snapshots(paths: DataPaths) -> list[Snapshot]:
    """Imported snapshots the manifest lists and whose file exists, oldest first, each once."""
    return _listed(paths, _read_manifest(paths) or [])


def snapshot_ids(paths: DataPaths) -> list[str]:
    """The seed first, then imports oldest to newest (the last is the latest)."""
    return [SEED_SNAPSHOT, *(s.snapshot_id for s in list_snapshots(paths))]


@contextmanager
def _locked(paths: DataPaths, wait_s: float) -> Iterator[bool]:
    """Hold the snapshots folder's lock: yields True, or False when another process held
    it for all of wait_s seconds (0: try once). Released when the block ends."""
    with (paths.snapshots / LOCK_FILE).open("a") as f:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    yield False
                    return
                time.sleep(0.02)
        try:
            yield True
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _remove_leftovers(paths: DataPaths, listed: set[str] | None) -> list[Path]:
    """Under the lock: temporary files, and parquet files of ids the manifest does not
    list (none of them when the manifest could not be read: listed is None)."""
    stale = list(paths.snapshots.glob(".*.tmp"))
    if listed is not None:
        stale += [
            p
            for p in paths.snapshots.glob("import-*.parquet")
            if SNAPSHOT_ID.match(p.stem) and p.stem not in listed
        ]
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def clean_leftovers(paths: DataPaths) -> list[Path]:
    """Remove what killed imports left behind; returns the files removed. Safe to call
    at every start: does nothing when an import holds the lock or the folder is missing
    or read-only."""
    if not paths.snapshots.is_dir():
        return []
    try:
        with _locked(paths, wait_s=0) as held:
            if not held:
                return []
            entries = _read_manifest(paths)
            ids = None if entries is None else {s.snapshot_id for s in _listed(paths, entries)}
            return _remove_leftovers(paths, ids)
    except OSError:
        return []


def _free_id(paths: DataPaths, now: datetime, taken: set[str]) -> str:
    base = f"import-{now:%Y%m%d-%H%M%S}"
    candidate, n = base, 1
    while candidate in taken or snapshot_file(paths, candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def save(
    paths: DataPaths, agencies: Sequence[Agency], file_name: str, note: str, now: datetime
) -> Snapshot:
    """Reserve a new id and write the agencies as that snapshot, under the lock. Raises
    SnapshotStoreError ("busy", "manifest_unreadable") having written nothing."""
    paths.snapshots.mkdir(parents=True, exist_ok=True)
    with _locked(paths, LOCK_WAIT_S) as held:
        if not held:
            raise SnapshotStoreError("busy")
        entries = _read_manifest(paths)
        if entries is None:  # writing a new one would orphan every listed snapshot
            raise SnapshotStoreError("manifest_unreadable")
        listed = _listed(paths, entries)
        _remove_leftovers(paths, {s.snapshot_id for s in listed})
        snapshot_id = _free_id(paths, now, {s.snapshot_id for s in listed})
        rows = [a.model_copy(update={"snapshot": snapshot_id}) for a in agencies]
        table = build.arrow_table(Agency, rows)  # type: ignore[arg-type]
        build.write_atomic(table, snapshot_file(paths, snapshot_id))
        snap = Snapshot(
            snapshot_id,
            now.isoformat(timespec="seconds"),
            excerpt(Path(file_name).name, FILE_NAME_CHARS) or "roster",
            len(rows),
            note.strip()[:500],
        )
        entries_out = [asdict(s) for s in [*listed, snap]]
        manifest = json.dumps({"snapshots": entries_out}, ensure_ascii=False, indent=1)
        write_bytes(paths.snapshots / MANIFEST, manifest.encode("utf-8"))
    return snap
