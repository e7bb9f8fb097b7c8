"""`python -m app checklist ...` and `python -m app snapshots ...`: the app's store and
rules from the command line, recorded as cli:<user>; bad input exits 2 with one line."""

from __future__ import annotations

import getpass
import subprocess
import sys

import pytest

from app import cli
from app.checklist import store as checklist
from app.core.config import ROOT, SEED_SNAPSHOT
from app.data import snapshots
from tests.test_roster import FIXTURE

CLI_USER = f"cli:{getpass.getuser()}"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exited:  # argparse refuses the arguments themselves
        code = int(exited.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_checklist_set_and_show_with_history(data_copy, capsys) -> None:
    code, out, _ = run(
        capsys,
        "checklist",
        "set",
        "rec-2.2",
        "--status",
        "in_progress",
        "--owner",
        "省数据局",
        "--due",
        "2027-03-31",
    )
    assert code == 0 and "saved version 1" in out
    code, out, _ = run(capsys, "checklist", "set", "rec-2.2", "--notes", "多行\n备注")
    item = checklist.get_item("rec-2.2")
    # fields not given keep their stored values
    assert (item.status, item.owner, item.due, item.notes, item.version) == (
        "in_progress",
        "省数据局",
        "2027-03-31",
        "多行\n备注",
        2,
    )
    assert set(checklist.audit_log("rec-2.2")["who"]) == {CLI_USER}
    code, out, _ = run(capsys, "checklist", "show", "rec-2.2", "--history")
    assert code == 0
    assert "status      in_progress" in out and "notes       多行 备注" in out
    assert "v2" in out and "notes: - -> 多行 备注" in out and CLI_USER in out


@pytest.mark.parametrize(
    "argv, words",
    [
        (["checklist", "set", "rec-2.2"], "nothing to change"),
        (["checklist", "set", "rec-9.9", "--status", "done"], "no checklist item rec-9.9"),
        (["checklist", "set", "rec-2.2", "--status", "finished"], "status"),
        (["checklist", "set", "rec-2.2", "--due", "2027-02-30"], "due"),
        (["checklist", "set", "rec-2.2", "--owner", "x" * 81], "80"),
        (["checklist", "show", "nope"], "no checklist item nope"),
        (["snapshots", "publish", "import-20990101-000000"], "no imported snapshot"),
        (["snapshots", "withdraw"], "Nothing to withdraw"),
        (["snapshots", "delete", "seed"], "cannot be deleted"),
        (["snapshots", "rename"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line(data_copy, capsys, argv, words) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and words in err
    assert checklist.all_states() == {} and snapshots.history().empty


def test_import_publish_withdraw_delete(data_copy, tmp_path, capsys) -> None:
    code, out, _ = run(capsys, "import", str(FIXTURE))
    assert code == 0 and "draft snapshot" in out
    (snap,) = snapshots.list_snapshots()
    assert snapshots.published_id() == SEED_SNAPSHOT
    code, out, _ = run(capsys, "snapshots", "list")
    listed = {line.split()[0]: line.split()[1] for line in out.splitlines()[1:]}
    assert listed == {SEED_SNAPSHOT: "published", snap.snapshot_id: "draft"}
    # `query` reads the published snapshot: the seed until the import is published
    sql = "SELECT DISTINCT snapshot FROM v_agencies"
    assert run(capsys, "query", sql, "--format", "csv")[1].split()[-1] == SEED_SNAPSHOT
    assert run(capsys, "snapshots", "publish", snap.snapshot_id)[0] == 0
    assert run(capsys, "query", sql, "--format", "csv")[1].split()[-1] == snap.snapshot_id
    assert run(capsys, "snapshots", "delete", snap.snapshot_id)[0] == 2  # published
    assert run(capsys, "snapshots", "withdraw")[0] == 0
    assert run(capsys, "snapshots", "delete", snap.snapshot_id)[0] == 0
    log = snapshots.history()
    assert list(log["action"]) == ["delete", "withdraw", "publish", "import"]
    assert set(log["who"]) == {CLI_USER}


def test_the_module_runs_as_a_command(data_copy) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app", "checklist", "set", "rec-2.2", "--status", "nope"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1
