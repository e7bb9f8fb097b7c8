"""Command line: build the data, run read-only SQL, check figures against the source."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from app import build as build_mod
from app import db, exports, sandbox
from app.config import data_paths

EXIT_REFUSED = 2


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


def cmd_query(args: argparse.Namespace) -> int:
    try:
        sandbox.check_statement(args.sql)
    except sandbox.RefusedQuery as err:
        print(f"refused: {err}", file=sys.stderr)
        return EXIT_REFUSED
    con = db.connect(data_paths())
    try:
        result = sandbox.run_readonly(
            con, args.sql, timeout_s=args.timeout, max_rows=None, snapshot=args.snapshot
        )
    except sandbox.QueryTimeout as err:
        print(f"timeout: {err}", file=sys.stderr)
        return EXIT_REFUSED
    except duckdb.PermissionException as err:
        print(f"refused: {err}", file=sys.stderr)
        return EXIT_REFUSED
    except duckdb.Error as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    frame = result.frame
    if args.out is None and args.format in (None, "csv", "json"):
        if args.format == "json":
            text = frame.to_json(orient="records", force_ascii=False, indent=1) + "\n"
        elif args.format == "csv":
            text = frame.to_csv(index=False)
        else:
            text = frame.to_string(index=False) + "\n"
        sys.stdout.write(text)
        return 0
    fmt = args.format or (Path(args.out).suffix.lstrip(".") if args.out else "csv")
    if fmt not in exports.FORMATS:
        print(f"refused: unknown format {fmt!r}", file=sys.stderr)
        return EXIT_REFUSED
    payload = exports.to_bytes(frame, fmt)
    if args.out is None:
        sys.stdout.buffer.write(payload)
    else:
        Path(args.out).write_bytes(payload)
        print(f"{len(frame)} rows -> {args.out}", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    con = db.connect(data_paths())
    frame = db.view(con, "v_reported_vs_computed")
    width = max(frame["figure_id"].str.len().max(), 9)
    print(f"{'figure':<{width}}  {'reported':>8}  {'computed':>8}  {'status':<14}  source")
    for row in frame.itertuples():
        computed = (
            "-" if row.computed is None or row.computed != row.computed else int(row.computed)
        )
        cells = f"{row.reported:>8}  {computed!s:>8}  {row.status:<14}"
        print(f"{row.figure_id:<{width}}  {cells}  {row.source_ref}")
    differs = frame[frame["status"] == "differs"]
    if len(differs):
        names = ", ".join(differs["figure_id"])
        print(f"\n{len(differs)} figure(s) differ from the source: {names}", file=sys.stderr)
        return 1
    print(f"\nall {int((frame['status'] == 'match').sum())} computable figures match the source")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import a roster file as a new snapshot (the same checks as the /import page)."""
    from app import roster
    from app.i18n import translator

    t = translator("en")
    path = Path(args.file)
    if not path.is_file():
        print(f"error: no such file: {path}", file=sys.stderr)
        return 1
    size = path.stat().st_size
    if size > roster.MAX_BYTES:
        problem = roster.ImportProblem(
            0, "(file)", "too_big", {"size": size, "cap": roster.MAX_BYTES_LABEL}
        )
        result = roster.ImportResult(None, [problem])
    else:
        result = roster.import_roster(data_paths(), path.read_bytes(), path.name, args.note)
    if result.snapshot is None:
        n = len(result.problems)
        print(f"import failed: {n} problem(s); nothing was written", file=sys.stderr)
        for p in result.problems:
            where = f"row {p.line}" if p.line else "file"
            print(f"  {where}, column {p.column}: {roster.message(p, t)}", file=sys.stderr)
        return 1
    snap = result.snapshot
    print(f"{snap.rows} agencies from {snap.file_name} -> snapshot {snap.snapshot_id}")
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m app", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="validate data/sources and write data/parquet").set_defaults(
        func=cmd_build
    )
    q = sub.add_parser("query", help="run one read-only SQL statement")
    q.add_argument("sql")
    q.add_argument("--format", choices=sorted(exports.FORMATS))
    q.add_argument("--out", help="write the result to this file instead of standard output")
    q.add_argument("--snapshot", help="which agencies snapshot the views use (default: seed)")
    q.add_argument(
        "--timeout", type=float, default=30.0, help="seconds before the query is stopped"
    )
    q.set_defaults(func=cmd_query)
    sub.add_parser("check", help="compare reported and computed figures").set_defaults(
        func=cmd_check
    )
    imp = sub.add_parser("import", help="import a roster (CSV or XLSX) as a new snapshot")
    imp.add_argument("file")
    imp.add_argument("--note", default="", help="where the roster comes from")
    imp.set_defaults(func=cmd_import)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except db.DataNotBuilt as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
