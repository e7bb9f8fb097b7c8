"""A real PostgreSQL server for tests and benchmarks: Debian's `postgresql` package's
initdb and pg_ctl on a temporary folder, listening on a loopback port.

Both programs refuse to run as root (CI runs as root), so there they run as `nobody` on a
folder it owns. `binaries()` is None when the package is missing: callers skip with
MISSING as the reason.
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MISSING = "PostgreSQL's initdb/pg_ctl not found: install Debian's postgresql package"
USER = "atlas"


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    return versions[0].parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(args: list[str], folder: Path) -> None:
    """Run a PostgreSQL program as this user, or as nobody when this user is root."""
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody", "nogroup")
        command = ["su", "nobody", "-s", "/bin/bash", "-c", shlex.join(args)]
    else:
        command = args
    subprocess.run(command, check=True, capture_output=True, timeout=120)


@contextmanager
def running_postgres() -> Iterator[str]:
    """Start a fresh server; yields its URL (postgresql://atlas@127.0.0.1:PORT/atlas)."""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError(MISSING)
    base = Path(tempfile.mkdtemp(prefix="atlas-pg-"))
    base.chmod(0o755)
    folder = base / "db"
    folder.mkdir()
    port = _free_port()
    _run(
        [
            str(bin_dir / "initdb"),
            "-D",
            str(folder),
            "-U",
            USER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        ],
        folder,
    )
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    )
    _run(
        [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(folder),
            "-o",
            options,
            "-l",
            str(folder / "log"),
            "start",
            "-w",
        ],
        folder,
    )
    try:
        url = f"postgresql://{USER}@127.0.0.1:{port}/postgres"
        _wait(port)
        yield url
    finally:
        _run([str(bin_dir / "pg_ctl"), "-D", str(folder), "stop", "-m", "immediate", "-w"], folder)
        shutil.rmtree(base, ignore_errors=True)


def _wait(port: int, limit_s: float = 30) -> None:
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"PostgreSQL did not accept connections on port {port}")


def fresh_database(server_url: str) -> str:
    """A new empty database on the server; returns its URL."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + f"/{name}"
