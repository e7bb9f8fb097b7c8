"""Concurrent editors of one checklist item, as separate processes on one store: no save
is lost, every save is in the audit, and a save based on a stale version is reported as
a conflict (StaleEdit), never applied."""

from __future__ import annotations

import multiprocessing
import time

import pytest

from app.checklist import store as checklist
from app.checklist.model import StaleEdit, make_edit
from app.core.roles import Actor, Role
from app.data.store import open_store
from tests.conftest import LOAD_SUMMARY

PROCESSES, EDITS, ITEM = 4, 50, "rec-2.2"


def edit_many(url: str, worker: int) -> tuple[int, list[int], float]:
    """One editor: EDITS saves, each made on the version it last read; a conflict re-reads
    and tries again, as the form's "base it on the latest version" does. Returns the
    conflicts met, the versions it saved, and the slowest save in seconds."""
    store = open_store(url)
    actor = Actor(f"oidc:worker{worker}@example.org", f"Worker {worker}", Role.EDITOR)
    conflicts, versions, slowest = 0, [], 0.0
    base = checklist.get_item(ITEM, store).version
    while len(versions) < EDITS:
        edit = make_edit("in_progress", f"w{worker}", None, f"w{worker}-{len(versions)}")
        started = time.perf_counter()
        try:
            saved = checklist.save_item(ITEM, base, edit, actor, store=store)
        except StaleEdit as stale:
            conflicts += 1
            base = stale.current.version
            continue
        slowest = max(slowest, time.perf_counter() - started)
        versions.append(saved.version)
        base = saved.version
    return conflicts, versions, slowest


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_four_processes_fifty_edits_lose_nothing(backend: str, request, tmp_path) -> None:
    from tests import postgres

    if backend == "postgresql":
        url = postgres.fresh_database(request.getfixturevalue("postgres_server"))
    else:
        url = f"sqlite://{tmp_path / 'state.sqlite'}"
    open_store(url)  # tables created before the crowd arrives
    with multiprocessing.get_context("spawn").Pool(PROCESSES) as pool:
        results = pool.starmap(edit_many, [(url, w) for w in range(PROCESSES)])
    conflicts = sum(r[0] for r in results)
    versions = sorted(v for r in results for v in r[1])
    slowest = max(r[2] for r in results)
    store = open_store(url)
    item = checklist.get_item(ITEM, store)
    log = checklist.audit_log(ITEM, store)
    notes = log[log["field"] == "notes"]
    # every one of the 200 saves got its own version, and each is in the audit
    assert versions == list(range(1, PROCESSES * EDITS + 1))
    assert item.version == PROCESSES * EDITS
    assert sorted(notes["version"]) == versions
    assert set(notes["new"]) == {f"w{w}-{k}" for w in range(PROCESSES) for k in range(EDITS)}
    # the item holds the last save; the audit's newest row is that save
    assert item.notes == notes.iloc[0]["new"]
    line = (
        f"state store, {backend}: {PROCESSES} processes x {EDITS} edits of one item,"
        f" {conflicts} conflicts reported and retried, slowest save {slowest * 1000:.0f} ms"
    )
    request.config.stash.setdefault(LOAD_SUMMARY, []).append(line)
