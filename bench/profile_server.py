"""`streamlit run` with cProfile in every thread, to see what a server spends under load.

    python -m bench.profile_server PORT OUT.prof [streamlit options ...]
    python -m bench.load http://127.0.0.1:PORT --mode serial --duration 40
    kill -USR1 <pid>     # writes OUT.prof (all threads merged) and exits

Streamlit runs each session's script in a thread of its own and sends messages from the
event loop's thread; cProfile sees one thread, so every new thread starts its own
profile (threading.setprofile) and the signal merges them. Under contention the times
include waiting for the GIL: profile one session (serial mode) for a rerun's own cost.
SIGUSR1, since Streamlit handles SIGTERM and SIGINT itself.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import signal
import sys
import threading
from types import FrameType

PROFILES: list[cProfile.Profile] = []


def _start_in_thread(frame: FrameType, event: str, arg: object) -> None:
    sys.setprofile(None)
    profile = cProfile.Profile()
    PROFILES.append(profile)  # list.append is atomic under the GIL
    profile.enable()


def _write(out: str) -> None:
    merged: pstats.Stats | None = None
    for profile in list(PROFILES):
        profile.disable()
        profile.create_stats()
        if profile.stats:  # type: ignore[attr-defined]
            merged = pstats.Stats(profile) if merged is None else merged.add(profile)
    if merged is not None:
        merged.dump_stats(out)
    os._exit(0)


def main(argv: list[str]) -> None:
    port, out, *options = argv
    threading.setprofile(_start_in_thread)
    PROFILES.append(cProfile.Profile())
    PROFILES[0].enable()
    signal.signal(signal.SIGUSR1, lambda *_: _write(out))
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", "run", "streamlit_app.py", "--server.port", port, *options]
    streamlit_main()


if __name__ == "__main__":
    main(sys.argv[1:])
