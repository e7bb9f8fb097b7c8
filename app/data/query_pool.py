"""Worker processes that run user SQL for the pages and the command line.

Each worker (app.data.query_worker) holds its own read-only engine. A request goes to an
idle worker, which says "ready" once its engine is open; from then on the pool waits no
longer than the query's time limit plus a grace period, then kills the worker. Starting a
worker has its own, longer allowance: on a loaded machine a fresh process can take
seconds to import and open the engine, and that is not the user's query running.

A worker that dies (out of memory, an engine fault) or is killed is replaced on the next
request, so one query can never invalidate or starve the data another session reads. At
most `size` queries run at once.
"""

from __future__ import annotations

import os
import pickle
import select
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from app.core.config import ROOT, DataPaths
from app.data import sandbox
from app.data.query_worker import HEADER, send
from app.data.snapshots import snapshot_ids

START_S = 60.0  # a fresh worker imports DuckDB and opens the engine before it is ready
GRACE_S = 5.0  # beyond the worker's own interrupt: sending the last batches
MAX_MESSAGE = 1024**3
PROBLEMS = {
    cls.__name__: cls
    for cls in (
        sandbox.RefusedQuery,
        sandbox.QueryTimeout,
        sandbox.QueryFailed,
        sandbox.EngineFault,
    )
}


@dataclass(frozen=True)
class QueryResult:
    frame: pd.DataFrame
    truncated: str | None  # "rows" or "bytes" when the result stopped at a cap


class _Worker:
    def __init__(self, paths: DataPaths) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "app.data.query_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            cwd=ROOT,
            env={**os.environ, "ATLAS_DATA_DIR": str(paths.root)},
        )
        self._finalizer = weakref.finalize(self, _kill, self.proc)

    def ask(self, request: dict[str, object]) -> None:
        assert self.proc.stdin is not None
        try:
            send(self.proc.stdin, request)
        except (BrokenPipeError, OSError) as err:
            raise sandbox.EngineFault("engine_fault") from err

    def receive(self, deadline: float, timeout_s: float) -> tuple:
        (size,) = HEADER.unpack(self._read(HEADER.size, deadline, timeout_s))
        if size > MAX_MESSAGE:
            raise sandbox.EngineFault("engine_fault")
        return pickle.loads(self._read(size, deadline, timeout_s))

    def _read(self, size: int, deadline: float, timeout_s: float) -> bytes:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        parts: list[bytes] = []
        while size:
            left = deadline - time.monotonic()
            if left <= 0:
                raise sandbox.QueryTimeout("timeout", s=f"{timeout_s:g}")
            if not select.select([fd], [], [], left)[0]:
                continue
            chunk = os.read(fd, min(size, 1 << 20))
            if not chunk:  # the worker died: out of memory, or killed
                raise sandbox.EngineFault("engine_fault")
            parts.append(chunk)
            size -= len(chunk)
        return b"".join(parts)

    def close(self) -> None:
        self._finalizer()


def _kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    for pipe in (proc.stdin, proc.stdout):
        if pipe is not None:
            pipe.close()


class QueryPool:
    """Run user SQL in up to `size` worker processes (see the module docstring)."""

    def __init__(self, paths: DataPaths, size: int = 2) -> None:
        self.paths = paths
        self._slots = threading.BoundedSemaphore(size)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()

    def stream(
        self,
        sql: str,
        params: dict[str, object] | None = None,
        snapshot: str | None = None,
        limits: sandbox.Limits | None = None,
        outcome: dict[str, object] | None = None,
    ) -> Iterator[pa.RecordBatch]:
        """The result's batches; `outcome` receives "schema" and "truncated" at the end."""
        limits = limits or sandbox.Limits()
        outcome = {} if outcome is None else outcome
        sql = sandbox.check_statement(sql)  # refuse at once, without a worker
        if not self._slots.acquire(timeout=limits.timeout_s):
            raise sandbox.EngineFault("busy")
        worker, reusable = self._take(), False
        try:
            request = {
                "sql": sql,
                "params": params,
                "snapshot": snapshot,
                "limits": limits,
                "snapshots": tuple(snapshot_ids()),
            }
            worker.ask(request)
            deadline = time.monotonic() + START_S
            while True:
                kind, *rest = worker.receive(deadline, limits.timeout_s)
                if kind == "ready":
                    deadline = time.monotonic() + limits.timeout_s + GRACE_S
                elif kind == "batch":
                    yield rest[0]
                elif kind == "end":
                    outcome["schema"], outcome["truncated"] = rest
                    reusable = True
                    return
                else:
                    name, key, values = rest
                    reusable = name != "EngineFault"
                    raise PROBLEMS.get(name, sandbox.EngineFault)(key, **values)
        finally:
            self._give_back(worker, reusable)
            self._slots.release()

    def run(
        self,
        sql: str,
        params: dict[str, object] | None = None,
        snapshot: str | None = None,
        limits: sandbox.Limits | None = None,
    ) -> QueryResult:
        """The whole (capped) result as a DataFrame."""
        outcome: dict[str, object] = {}
        batches = list(self.stream(sql, params, snapshot, limits, outcome))
        schema = outcome.get("schema")
        if schema is None:
            return QueryResult(pd.DataFrame(), outcome.get("truncated"))  # type: ignore[arg-type]
        table = pa.Table.from_batches(batches, schema=schema)  # type: ignore[arg-type]
        return QueryResult(table.to_pandas(), outcome.get("truncated"))  # type: ignore[arg-type]

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.proc.poll() is None:
                    return worker
                worker.close()
        return _Worker(self.paths)

    def _give_back(self, worker: _Worker, reusable: bool) -> None:
        if reusable and worker.proc.poll() is None:
            with self._lock:
                self._idle.append(worker)
        else:
            worker.close()  # killed mid-query, faulted or timed out: never reused

    def close(self) -> None:
        with self._lock:
            for worker in self._idle:
                worker.close()
            self._idle.clear()
