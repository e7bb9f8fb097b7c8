"""The one way to write a file that readers may open at any moment: all of it or none.

The bytes go to a temporary file beside the target (".<name>-*.tmp", which the roster
clean-up knows as a leftover), which is renamed over the target only when the block ends
without an error; otherwise it is removed. The file gets ordinary permissions (what the
umask allows), not the 0600 of a temporary file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_output(target: Path) -> Iterator[BinaryIO]:
    """A binary file to write; it becomes target only if the block succeeds (the folder
    must exist)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as sink:
            yield sink
        umask = os.umask(0)
        os.umask(umask)
        Path(tmp).chmod(0o666 & ~umask)
        Path(tmp).replace(target)
    finally:
        Path(tmp).unlink(missing_ok=True)


def write_bytes(target: Path, payload: bytes) -> None:
    with atomic_output(target) as sink:
        sink.write(payload)
