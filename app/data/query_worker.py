"""The process that runs user SQL: `python -m app.data.query_worker`, started by the pool.

It caps its own address space, lowers its CPU priority, opens the read-only engine
(app.data.sandbox.open_engine) and answers one request at a time on its standard input
and output. Each message is a length-prefixed pickle; a reply is ("ready",) once the
engine is open, ("batch", RecordBatch)*, then ("end", schema, truncated) or ("error",
class name, key, values). After an engine fault it exits, so the pool starts a fresh
one; it also exits when its input closes (the server went away).
"""

from __future__ import annotations

import os
import pickle
import resource
import struct
import sys
from typing import BinaryIO

from app.core.config import data_paths
from app.data import db, sandbox

ADDRESS_SPACE = 2 * 1024**3  # DuckDB's own memory_limit is lower; this bounds the rest
NICENESS = 10
HEADER = struct.Struct(">Q")


def send(sink: BinaryIO, message: object) -> None:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    sink.write(HEADER.pack(len(body)) + body)
    sink.flush()


def receive(source: BinaryIO) -> object | None:
    """The next message, or None when the other side has closed the pipe."""
    header = source.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    (size,) = HEADER.unpack(header)
    body = source.read(size)
    return pickle.loads(body) if len(body) == size else None


def serve(source: BinaryIO, sink: BinaryIO) -> int:
    paths = data_paths()
    con = None
    loaded: tuple[str, ...] | None = None
    while (request := receive(source)) is not None:
        assert isinstance(request, dict)
        outcome: dict[str, object] = {}
        try:
            if con is None or request["snapshots"] != loaded:
                if con is not None:
                    con.close()
                con, loaded = sandbox.open_engine(paths), request["snapshots"]
            send(sink, ("ready",))
            batches = sandbox.stream(
                con,
                request["sql"],
                request["params"],
                request["snapshot"],
                request["limits"],
                outcome,
            )
            for batch in batches:
                send(sink, ("batch", batch))
            send(sink, ("end", outcome.get("schema"), outcome.get("truncated")))
        except sandbox.SqlProblem as problem:
            send(sink, ("error", type(problem).__name__, problem.reason, problem.values))
            if isinstance(problem, sandbox.EngineFault):
                return 3
        except (db.DataNotBuilt, MemoryError):  # no engine to answer with
            send(sink, ("error", "EngineFault", "engine_fault", {}))
            return 3
    return 0


def main() -> int:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    os.nice(NICENESS)  # the pages' own work goes first when the cores are busy
    sink = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print never enters the pipe
    return serve(sys.stdin.buffer, sink)


if __name__ == "__main__":
    sys.exit(main())
