"""Command line for the write paths (scripts and operators): checklist items and snapshots.

They use the same store as the app (ATLAS_STATE_URL or the default SQLite file) and the
same rules; the audit records the operating-system user as `cli:<name>`, who acts as an
admin (whoever can run commands here can reach the store directly anyway). Bad input:
exit code 2 and one clear line.
"""

from __future__ import annotations

import argparse
import getpass
import sys

import pyarrow.parquet as pq

from app.checklist import store as checklist
from app.checklist.model import EDIT_FIELDS, EditError, StaleEdit, make_edit
from app.core.config import SEED_SNAPSHOT, data_paths
from app.core.errors import UserError
from app.core.i18n import translator
from app.core.roles import Actor, Role
from app.data import snapshots

EXIT_REFUSED = 2
EXIT_CONFLICT = 1
t = translator("en")


def cli_actor() -> Actor:
    return Actor(f"cli:{getpass.getuser()}", "", Role.ADMIN)


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def refuse(message: str) -> int:
    print(f"refused: {one_line(message)}", file=sys.stderr)
    return EXIT_REFUSED


def known_items() -> set[str]:
    """The checklist's item ids, from the built recommendations table."""
    path = data_paths().parquet / "recommendations.parquet"
    return set(pq.read_table(path, columns=["rec_id"]).column("rec_id").to_pylist())


def cmd_checklist_set(args: argparse.Namespace) -> int:
    """Change the given fields of one item; the others keep their stored values."""
    asked = {f: getattr(args, f) for f in EDIT_FIELDS if getattr(args, f) is not None}
    if not asked:
        return refuse("nothing to change: give --status, --owner, --due or --notes")
    if args.id not in known_items():
        return refuse(t("checklist.error_unknown_item", rec_id=args.id))
    current = checklist.get_item(args.id)
    values = {f: getattr(current, f) for f in EDIT_FIELDS} | asked
    try:
        edit = make_edit(values["status"], values["owner"], values["due"], values["notes"])
        saved = checklist.save_item(args.id, current.version, edit, cli_actor())
    except EditError as err:
        return refuse(err.message(t))
    except StaleEdit as err:
        who = err.current.updated_by or "someone"
        print(
            f"conflict: {args.id} was saved meanwhile by {who} (version {err.current.version});"
            " nothing was written: run the command again",
            file=sys.stderr,
        )
        return EXIT_CONFLICT
    if saved.version == current.version:
        print(f"{args.id}: nothing changed (version {saved.version})")
    else:
        print(f"{args.id}: saved version {saved.version} as {saved.updated_by}")
    return 0


def cmd_checklist_show(args: argparse.Namespace) -> int:
    if args.id not in known_items():
        return refuse(t("checklist.error_unknown_item", rec_id=args.id))
    item = checklist.get_item(args.id)
    for field in (*EDIT_FIELDS, "version", "updated_at", "updated_by"):
        value = getattr(item, field)
        print(f"{field:<10}  {one_line(value) if value not in (None, '') else '-'}")
    if args.history:
        log = checklist.audit_log(args.id)
        print(f"\nhistory ({len(log)} change(s), newest first):")
        for row in log.itertuples():
            who = f"{row.who} ({one_line(row.who_name)})" if row.who_name else row.who
            old, new = (one_line(v) if v not in (None, "") else "-" for v in (row.old, row.new))
            print(f"  v{row.version}  {row.at}  {who}  {row.field}: {old} -> {new}")
    return 0


def cmd_snapshots_list(args: argparse.Namespace) -> int:
    published = snapshots.published_id()
    mark = "published" if published == SEED_SNAPSHOT else "-"
    print(f"{'snapshot':<24}  {'status':<9}  {'rows':>5}  {'imported at':<25}  by / file")
    print(f"{SEED_SNAPSHOT:<24}  {mark:<9}  {'':>5}  {'':<25}  the article (seed)")
    for s in snapshots.list_snapshots():
        status = "published" if s.snapshot_id == published else "draft"
        by = f"{s.who or '-'} / {one_line(s.file_name)}"
        print(f"{s.snapshot_id:<24}  {status:<9}  {s.rows:>5}  {s.created_at:<25}  {by}")
    return 0


def cmd_snapshots_change(args: argparse.Namespace) -> int:
    """publish ID, withdraw, or delete ID: one admin action, recorded in the audit."""
    actor = cli_actor()
    try:
        if args.action == "publish":
            snapshots.publish(args.id, actor)
            done = f"published {args.id}: every reader now sees it"
        elif args.action == "withdraw":
            done = (
                f"withdrew {snapshots.withdraw(actor)}: it is a draft again; readers see the seed"
            )
        else:
            snapshots.delete(args.id, actor)
            done = f"deleted {args.id}"
    except UserError as err:
        return refuse(err.message(t))
    print(done)
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """`checklist set|show` and `snapshots list|publish|withdraw|delete`."""
    checklist_cmd = sub.add_parser("checklist", help="show or change a checklist item")
    items = checklist_cmd.add_subparsers(dest="action", required=True)
    set_cmd = items.add_parser("set", help="change an item's status, owner, due date or notes")
    set_cmd.add_argument("id", help="the item's id, e.g. rec-2.2")
    set_cmd.add_argument("--status", help="not_started, in_progress, done or blocked")
    set_cmd.add_argument("--owner")
    set_cmd.add_argument("--due", help="a date, YYYY-MM-DD (empty: none)")
    set_cmd.add_argument("--notes")
    set_cmd.set_defaults(func=cmd_checklist_set)
    show = items.add_parser("show", help="print an item (and its history)")
    show.add_argument("id")
    show.add_argument("--history", action="store_true", help="every change, newest first")
    show.set_defaults(func=cmd_checklist_show)

    snaps = sub.add_parser("snapshots", help="list, publish, withdraw or delete snapshots")
    acts = snaps.add_subparsers(dest="action", required=True)
    acts.add_parser("list", help="every snapshot and which is published").set_defaults(
        func=cmd_snapshots_list
    )
    publish = acts.add_parser("publish", help="make a snapshot what every reader sees")
    publish.add_argument("id")
    publish.set_defaults(func=cmd_snapshots_change)
    acts.add_parser(
        "withdraw", help="make the published import a draft again (readers see the seed)"
    ).set_defaults(func=cmd_snapshots_change)
    delete = acts.add_parser("delete", help="delete a draft snapshot")
    delete.add_argument("id")
    delete.set_defaults(func=cmd_snapshots_change)
