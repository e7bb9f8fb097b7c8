"""Command line: build the data, run read-only SQL, check figures against the source,
import a roster as a draft; checklist and snapshot commands are in app.cli_team."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import BinaryIO

from app import cli_team, roster
from app.core import checks
from app.core.config import data_paths
from app.core.i18n import translator
from app.data import build as build_mod
from app.data import db, exports, legacy, sandbox, snapshots
from app.data.atomic import atomic_output
from app.data.query_pool import QueryPool

EXIT_REFUSED = 2
MAX_TIMEOUT_S = 300.0
MAX_ROWS = 1_000_000  # XLSX holds 1,048,576 rows a sheet
MAX_BYTES = 512 * 1024 * 1024  # Arrow bytes fetched, before formatting
TABLE_ROWS = 1000  # shown as a table when no format is asked for


def cmd_build(args: argparse.Namespace) -> int:
    paths = data_paths()
    try:
        counts = build_mod.build(paths)
    except build_mod.BuildError as err:
        print(f"build failed: {len(err.problems)} problem(s); nothing was written", file=sys.stderr)
        for p in err.problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    for name, n in counts.items():
        print(f"{name}: {n} rows -> {paths.parquet / (name + '.parquet')}")
    return 0


def timeout_seconds(text: str) -> float:
    """--timeout: a finite number of seconds in (0, MAX_TIMEOUT_S]."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= MAX_TIMEOUT_S):
        raise argparse.ArgumentTypeError(
            f"--timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT_S:g}"
        )
    return value


def cmd_query(args: argparse.Namespace) -> int:
    fmt = args.format or (Path(args.out).suffix.lstrip(".").lower() if args.out else None)
    if fmt is not None and fmt not in exports.FORMATS:
        print(f"refused: unknown format {fmt!r}: use --format", file=sys.stderr)
        return EXIT_REFUSED
    pool = QueryPool(data_paths(), size=1)
    args.snapshot = args.snapshot or snapshots.published_id()
    try:
        if fmt is None:  # a table for people to read; --format or --out for the data
            limits = sandbox.Limits(args.timeout, TABLE_ROWS, MAX_BYTES)
            result = pool.run(args.sql, snapshot=args.snapshot, limits=limits)
            sys.stdout.write(result.frame.to_string(index=False) + "\n")
            if result.truncated:
                print(f"(the first {TABLE_ROWS} rows: --format or --out for all)", file=sys.stderr)
        elif args.out is None:
            write(pool, args, fmt, sys.stdout.buffer)
        else:
            with atomic_output(Path(args.out)) as sink:  # left unwritten on any error
                rows = write(pool, args, fmt, sink)
            print(f"{rows} rows -> {args.out}", file=sys.stderr)
    except TooLarge:
        caps = f"{MAX_ROWS:,} rows or {MAX_BYTES // 2**20} MB"
        print(f"refused: the result is larger than {caps}: narrow it", file=sys.stderr)
        return EXIT_REFUSED
    except OSError as err:  # the --out folder is missing or not writable
        print(f"refused: cannot write {args.out}: {err.strerror or err}", file=sys.stderr)
        return EXIT_REFUSED
    except (sandbox.RefusedQuery, sandbox.QueryTimeout) as err:
        print(f"refused: {err}", file=sys.stderr)
        return EXIT_REFUSED
    except sandbox.SqlProblem as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    finally:
        pool.close()
    return 0


class TooLarge(Exception):
    """The result passed a cap (an --out file is then not written)."""


def write(pool: QueryPool, args: argparse.Namespace, fmt: str, sink: BinaryIO) -> int:
    """Stream the result into sink in fmt (the same bytes for standard output and a file);
    returns the row count, or raises TooLarge once past a cap."""
    limits = sandbox.Limits(args.timeout, MAX_ROWS, MAX_BYTES)
    outcome: dict[str, object] = {}
    out = exports.writer(fmt, sink)
    rows = 0
    for batch in pool.stream(args.sql, None, args.snapshot, limits, outcome):
        out.write_batch(batch)
        rows += batch.num_rows
    schema = outcome.get("schema")
    out.close(list(schema.names) if schema is not None else [])  # type: ignore[attr-defined]
    sink.flush()
    if outcome.get("truncated"):
        raise TooLarge
    return rows


def cmd_check(args: argparse.Namespace) -> int:
    con = db.connect(data_paths())
    frame = db.view(con, "v_reported_vs_computed")
    width = max(frame["figure_id"].str.len().max(), 9)
    head = f"{'figure':<{width}}  {'reported':>8}  {'computed':>8}  {'status':<14}"
    print(f"{head}  {'basis':<16}  source")
    for row in frame.itertuples():
        computed = (
            "-" if row.computed is None or row.computed != row.computed else int(row.computed)
        )
        cells = f"{row.reported:>8}  {computed!s:>8}  {row.status:<14}"
        print(f"{row.figure_id:<{width}}  {cells}  {row.basis:<16}  {row.source_ref}")
    differs = frame[frame["status"] == "differs"]
    if len(differs):
        names = ", ".join(differs["figure_id"])
        print(f"\n{len(differs)} figure(s) differ from the source: {names}", file=sys.stderr)
        return 1
    found = checks.summarise(frame)
    print(
        f"\nall {len(found.confirmed) + len(found.consistent)} computable figures match the"
        f" source: {len(found.confirmed)} confirm it on rows that name their unit (named_rows);"
        f" {len(found.consistent)} are only consistency checks of rows written from the"
        " source's own numbers (placeholder_rows)"
    )
    return 0


SHOWN_PROBLEMS = 3  # on the one line a refused import prints; the page lists them all


def cmd_import(args: argparse.Namespace) -> int:
    """Import a roster file as a new snapshot (the same checks as the /import page).
    Bad input: exit code 2 and one line naming the first problems."""
    t = translator("en")
    path = Path(args.file)
    if not path.is_file():
        print(f"refused: no such file: {path}", file=sys.stderr)
        return EXIT_REFUSED
    size = path.stat().st_size
    if size > roster.MAX_BYTES:
        too_big = roster.whole_file("too_big", size=size, cap=roster.MAX_BYTES_LABEL)
        result = roster.ImportResult(None, [too_big])
    else:
        with path.open("rb") as f:  # never more than the cap, even if the file grew since
            data = f.read(roster.MAX_BYTES + 1)
        actor = cli_team.cli_actor()
        result = roster.import_roster(data_paths(), data, path.name, args.note, actor)
    if result.snapshot is None:
        n = len(result.problems)
        shown = "; ".join(
            f"{f'row {p.line}' if p.line else 'file'}, column {p.column}: {p.message(t)}"
            for p in result.problems[:SHOWN_PROBLEMS]
        )
        more = f" (and {n - SHOWN_PROBLEMS} more)" if n > SHOWN_PROBLEMS else ""
        line = f"refused: {n} problem(s) in {path.name}, nothing was written: {shown}{more}"
        print(" ".join(line.split()), file=sys.stderr)  # one line, whatever the values hold
        return EXIT_REFUSED
    snap = result.snapshot
    print(
        f"{snap.rows} agencies from {snap.file_name} -> draft snapshot {snap.snapshot_id}"
        f" (publish it with: python -m app snapshots publish {snap.snapshot_id})"
    )
    return 0


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments: exit code 2 and one clear line (not the whole usage text)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_REFUSED, f"{self.prog}: {message} (see --help)\n")


def parser() -> argparse.ArgumentParser:
    ap = OneLineParser(prog="python -m app", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="validate data/sources and write data/parquet").set_defaults(
        func=cmd_build
    )
    q = sub.add_parser("query", help="run one read-only SQL statement")
    q.add_argument("sql")
    q.add_argument("--format", choices=sorted(exports.FORMATS))
    q.add_argument("--out", help="write the result to this file instead of standard output")
    q.add_argument(
        "--snapshot", help="which agencies snapshot the views use (default: the published one)"
    )
    q.add_argument(
        "--timeout",
        type=timeout_seconds,
        default=30.0,
        help=f"seconds before the query is stopped (at most {MAX_TIMEOUT_S:g})",
    )
    q.set_defaults(func=cmd_query)
    sub.add_parser("check", help="compare reported and computed figures").set_defaults(
        func=cmd_check
    )
    imp = sub.add_parser("import", help="import a roster (CSV or XLSX) as a draft snapshot")
    imp.add_argument("file")
    imp.add_argument("--note", default="", help="where the roster comes from")
    imp.set_defaults(func=cmd_import)
    cli_team.add_commands(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command != "build":
            legacy.adopt_snapshots(data_paths())  # imports an older version kept as files
        return args.func(args)
    except db.DataNotBuilt as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
