"""Server-side load on /structure over Streamlit's own websocket protocol, no browser.

Each session opens /structure?lang=zh (first load: connect to script_finished), then
changes a facet: it ticks one city's checkbox, later unticks it, and so on (facet change:
the rerun request to script_finished). A change counts only if the page's "shown" metric
changed with it, so a client that stopped speaking the protocol cannot pass silently.

Two modes, both driven from one asyncio loop in one process (the client costs little CPU):
- burst: N sessions opened at once, each changing a facet once after its first load;
- steady (DESIGN.md's budget): N sessions opened over RAMP_S, each changing a facet every
  INTERVAL_S for `duration` seconds;
- serial: each session makes `duration` facet changes back to back (one session: what a
  rerun costs the server without contention, i.e. how many reruns a second it can serve).
Sessions are spread evenly over the servers given (a load balancer with sticky sessions).

    python -m bench.load http://127.0.0.1:8501 [URL ...] --sessions 50 --mode steady
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from dataclasses import dataclass, field

from bench.protocol import Run, Session

PAGE, QUERY = "structure", "lang=zh"
SHOWN = "显示的机构"  # the zh label of the metric that counts the agencies shown
FACET = "city_"  # the facet each session changes: one city's checkbox
RAMP_S = 10.0
INTERVAL_S = 5.0


@dataclass
class Result:
    sessions: int
    first: list[float] = field(default_factory=list)  # seconds, one per session that loaded
    changes: list[float] = field(default_factory=list)  # seconds, one per facet change
    loaded: int = 0  # sessions whose first load reached script_finished
    failures: list[str] = field(default_factory=list)
    wall: float = 0.0  # burst: until the last first load; steady: the whole run

    def summary(self, what: str) -> str:
        return (
            f"{what}: {self.sessions} sessions, {self.loaded} loaded, {len(self.changes)} facet"
            f" changes, {len(self.failures)} failures; first load p50 {ms(p50(self.first))}"
            f" p95 {ms(p95(self.first))}; facet change p50 {ms(p50(self.changes))}"
            f" p95 {ms(p95(self.changes))}; wall {self.wall:.1f} s"
        )


def p50(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def p95(xs: list[float]) -> float:
    """Nearest rank: the value 95 % of the samples do not exceed."""
    if not xs:
        return float("nan")
    ordered = sorted(xs)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def check(run: Run, where: str, page: str = PAGE) -> None:
    if run.exceptions:
        raise AssertionError(f"{where}: exception on the page: {run.exceptions[0]}")
    if page == PAGE and SHOWN not in run.metrics():
        raise AssertionError(f"{where}: no {SHOWN!r} metric among {sorted(run.metrics())}")


async def session(
    base: str, n: int, start_at: float, changes: int, interval_s: float, result: Result
) -> None:
    """One session: first load, then `changes` facet changes every interval_s seconds."""
    await asyncio.sleep(max(0.0, start_at - time.perf_counter()))
    s = Session(base, PAGE, QUERY)
    where = f"session {n} on {base}"
    try:
        run = await s.open()
        check(run, where)
        result.first.append(run.seconds)
        result.loaded += 1
        cities = sorted(k for k in run.widgets if k.startswith(FACET))
        if not cities:
            raise AssertionError(f"{where}: no {FACET}* checkbox among {sorted(run.widgets)}")
        city = cities[n % len(cities)]
        begun = time.perf_counter()
        for i in range(changes):
            await asyncio.sleep(max(0.0, begun + i * interval_s - time.perf_counter()))
            before = run.metrics()[SHOWN]
            run = await s.set_checkbox(city, i % 2 == 0)
            check(run, where)
            after = run.metrics()[SHOWN]
            if after == before:
                raise AssertionError(f"{where}: {city} changed nothing ({SHOWN} {after})")
            result.changes.append(run.seconds)
    except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
        result.failures.append(f"{where}: {type(exc).__name__}: {exc}")
    finally:
        await s.close()


async def run_load(
    bases: list[str],
    sessions: int,
    mode: str = "steady",
    duration_s: float = 30.0,
    ramp_s: float = RAMP_S,
    interval_s: float = INTERVAL_S,
) -> Result:
    """Drive `sessions` sessions over the servers `bases` (session n on bases[n % len])."""
    result = Result(sessions)
    now = time.perf_counter()
    if mode == "burst":
        starts, changes = [now] * sessions, 1
    elif mode == "steady":
        starts = [now + ramp_s * n / sessions for n in range(sessions)]
        changes = max(1, int(duration_s // interval_s))
    elif mode == "serial":
        starts, changes, interval_s = [now] * sessions, int(duration_s), 0.0
    else:
        raise ValueError(f"mode must be burst, steady or serial, not {mode!r}")
    tasks = [
        session(bases[n % len(bases)], n, starts[n], changes, interval_s, result)
        for n in range(sessions)
    ]
    await asyncio.gather(*tasks)
    # a burst: every session starts at once, so the last first load ends the burst
    result.wall = max(result.first, default=0.0) if mode == "burst" else time.perf_counter() - now
    return result


async def first_loads(base: str, sessions: int, page: str = "", query: str = "") -> Result:
    """A burst of first loads only, of any page (the default page: page ""), no facet."""
    result = Result(sessions)

    async def one(n: int) -> None:
        s = Session(base, page, query)
        try:
            run = await s.open()
            check(run, f"session {n} on {base}", page)
            result.first.append(run.seconds)
            result.loaded += 1
        except Exception as exc:  # noqa: BLE001 - counted and reported
            result.failures.append(f"session {n} on {base}: {type(exc).__name__}: {exc}")
        finally:
            await s.close()

    await asyncio.gather(*(one(n) for n in range(sessions)))
    result.wall = max(result.first, default=0.0)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("urls", nargs="+", help="server base URLs, e.g. http://127.0.0.1:8501")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--mode", choices=("burst", "steady", "serial"), default="steady")
    parser.add_argument(
        "--duration", type=float, default=30.0, help="steady: seconds of changes; serial: changes"
    )
    args = parser.parse_args(argv)
    result = asyncio.run(run_load(args.urls, args.sessions, args.mode, args.duration))
    print(result.summary(args.mode))
    for failure in result.failures[:10]:
        print(f"  {failure}")
    return 1 if result.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
