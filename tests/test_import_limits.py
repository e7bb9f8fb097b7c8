"""Roster import under attack or accident: concurrent imports, failed and killed imports,
XLSX bombs, oversized cells, rows and columns, and text in an encoding it cannot read."""

from __future__ import annotations

import io
import math
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from app import roster
from app.core.config import ROOT, DataPaths
from app.core.i18n import translator
from app.data import db, legacy, snapshots
from app.data.store import FILE_ENV
from tests.actors import LOCAL
from tests.test_roster import FIXTURE, csv_bytes, fixture_frame

en = translator("en")
zh = translator("zh")
DIVISIONS = roster.load_divisions(DataPaths(ROOT / "data"))  # read only
SNAP = "import-20260101-000000"
SHORT = 400  # characters: the most a message about one bad value may take


@pytest.fixture
def private_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DataPaths:
    """A private copy of the built parquet files (no rebuild); imports go to the test's
    own state store (isolated_state)."""
    paths = DataPaths(tmp_path / "data")
    shutil.copytree(ROOT / "data" / "parquet", paths.parquet)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(paths.root))
    return paths


def isolated_state_file() -> Path:
    """The test's own SQLite store file (tests/conftest.py isolated_state)."""
    return Path(os.environ[FILE_ENV])


def refused(data: bytes) -> list[roster.ImportProblem]:
    agencies, problems = roster.validate(data, "bad", DIVISIONS, SNAP)
    assert agencies == [] and problems
    return problems


def messages(problems: list[roster.ImportProblem]) -> list[str]:
    """Every problem as the page and the CLI show it, in both languages (row, column, text)."""
    out = []
    for t in (en, zh):
        for p in problems:
            text = roster.message(p, t)
            assert "{" not in text and not text.startswith("importer."), text
            out.append(f"{p.line} {p.column} {text}")
    return out


# ---------------------------------------------------------------- concurrent imports


def marked(k: int) -> bytes:
    """The fixture with a marker in its first row, to tell the snapshots apart."""
    frame = fixture_frame()
    frame.loc[0, "name_en"] = f"marker-{k}"
    return csv_bytes(frame)


def check_snapshots(paths: DataPaths, by_marker: dict[int, str]) -> None:
    """Each id once in the store; each draft holds exactly its own import's rows."""
    listed = [s.snapshot_id for s in roster.list_snapshots()]
    assert sorted(listed) == sorted(by_marker.values())  # each id once
    for k, snapshot_id in by_marker.items():
        table = snapshots.agencies_table(snapshot_id).to_pandas()
        assert len(table) == 90
        assert set(table["snapshot"]) == {snapshot_id}
        assert table.loc[0, "name_en"] == f"marker-{k}"
    con = db.connect(paths)
    for snapshot_id in by_marker.values():
        agencies = db.view(con, "v_agencies", snapshot=snapshot_id)
        assert len(agencies) == 90
        assert (agencies["level"] == "province").sum() == 1  # what the overview needs


# Imports the modules first, then waits for a common start, so that every process
# chooses its snapshot id within the same few milliseconds.
AT_ONCE = """
import sys, time
from app import cli, roster
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
sys.exit(cli.main(sys.argv[2:]))
"""


def test_parallel_cli_imports_all_succeed_with_distinct_ids(
    private_data: DataPaths, tmp_path: Path
) -> None:
    files = []
    for k in range(4):
        files.append(tmp_path / f"roster-{k}.csv")
        files[-1].write_bytes(marked(k))
    start = math.ceil(time.time() + 4) + 0.01  # just after a second begins
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", AT_ONCE, str(start), "import", str(f)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in files
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0] * 4, [err for _, err in outputs]
    by_marker = {}
    for k, (out, _) in enumerate(outputs):
        assert out.startswith(f"90 agencies from roster-{k}.csv -> draft snapshot import-")
        by_marker[k] = out.split("draft snapshot ")[1].split()[0]
    assert len(set(by_marker.values())) == 4
    check_snapshots(private_data, by_marker)


def test_parallel_imports_in_threads_with_the_same_clock(private_data: DataPaths) -> None:
    now = datetime(2026, 1, 1, 9, 0, 0)
    barrier = threading.Barrier(4)
    results: dict[int, roster.ImportResult] = {}

    def run(k: int) -> None:
        data = marked(k)
        barrier.wait()
        results[k] = roster.import_roster(private_data, data, f"r{k}.csv", "", LOCAL, now=now)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(r.problems == [] and r.snapshot for r in results.values())
    by_marker = {k: r.snapshot.snapshot_id for k, r in results.items()}  # type: ignore[union-attr]
    base = "import-20260101-090000"
    assert set(by_marker.values()) == {base, f"{base}-2", f"{base}-3", f"{base}-4"}
    check_snapshots(private_data, by_marker)


def test_an_import_waits_for_a_write_in_progress(private_data: DataPaths) -> None:
    """Another write holds the store's write lock (here: an open SQLite write
    transaction): the import waits for it instead of failing, then takes its id."""
    snapshots.list_snapshots()  # the store's file and tables exist before the lock is taken
    holder = sqlite3.connect(isolated_state_file(), isolation_level=None)
    done: list[roster.ImportResult] = []
    try:
        holder.execute("BEGIN IMMEDIATE")
        worker = threading.Thread(
            target=lambda: done.append(
                roster.import_roster(private_data, FIXTURE.read_bytes(), "r.csv", "", LOCAL)
            )
        )
        worker.start()
        worker.join(timeout=1.0)
        assert worker.is_alive() and not done  # waiting, not refused
        holder.execute("COMMIT")
        worker.join(timeout=30)
    finally:
        holder.close()
    (result,) = done
    assert result.snapshot is not None and result.problems == []
    assert roster.snapshot_ids() == ["seed", result.snapshot.snapshot_id]


# ---------------------------------------------------------------- failed and killed imports


def test_an_import_that_fails_mid_write_leaves_nothing(
    private_data: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The draft's rows and its audit row are one transaction: an error after the rows
    are written takes them back, and the next import gets the same id."""
    now = datetime(2026, 1, 1, 9, 0, 0)

    def broken_audit(*args, **kwargs) -> None:
        raise RuntimeError("disk gone")

    with monkeypatch.context() as patched:
        patched.setattr(snapshots, "_audit", broken_audit)
        with pytest.raises(RuntimeError, match="disk gone"):
            roster.import_roster(private_data, FIXTURE.read_bytes(), "r.csv", "", LOCAL, now=now)
    assert roster.snapshot_ids() == ["seed"] and snapshots.history().empty
    again = roster.import_roster(private_data, FIXTURE.read_bytes(), "r.csv", "", LOCAL, now=now)
    assert again.snapshot is not None
    assert again.snapshot.snapshot_id == "import-20260101-090000"


# Dies inside the import's transaction, after the draft's rows are written, before COMMIT.
KILLED = """
import os, sys
from datetime import datetime
from pathlib import Path
from app import roster
from app.core.config import data_paths
from app.core.roles import Actor, Role
from app.data import snapshots

snapshots._audit = lambda *args: os._exit(9)
data = Path(sys.argv[1]).read_bytes()
actor = Actor("local:killed", "", Role.ADMIN)
roster.import_roster(data_paths(), data, "killed.csv", "", actor, now=datetime(2026, 1, 1, 9))
"""


def test_an_import_killed_mid_write_leaves_no_draft(private_data: DataPaths) -> None:
    first = roster.import_roster(private_data, FIXTURE.read_bytes(), "a.csv", "", LOCAL)
    assert first.snapshot is not None
    run = subprocess.run(
        [sys.executable, "-c", KILLED, str(FIXTURE)], cwd=ROOT, check=False, timeout=120
    )
    assert run.returncode == 9
    with sqlite3.connect(isolated_state_file()) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert roster.snapshot_ids() == ["seed", first.snapshot.snapshot_id]  # nothing half-written
    assert snapshots.history()["action"].tolist() == ["import"]
    second = roster.import_roster(
        private_data, FIXTURE.read_bytes(), "b.csv", "", LOCAL, now=datetime(2026, 1, 1, 9)
    )
    assert second.snapshot is not None
    assert second.snapshot.snapshot_id == "import-20260101-090000"  # the id was never taken
    assert len(db.view(db.connect(private_data), "v_agencies", snapshot="seed")) == 90


def test_taking_in_old_snapshot_files_without_a_folder_does_nothing(tmp_path: Path) -> None:
    """Snapshots an older version kept in the data folder: none there, nothing taken in,
    and nothing created where the data folder would be."""
    paths = DataPaths(tmp_path / "nowhere")
    assert legacy.adopt_snapshots(paths) == 0
    assert not paths.root.exists()
    assert roster.snapshot_ids() == ["seed"]


# ---------------------------------------------------------------- XLSX bombs

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PACKAGE_RELS = (
    f'<Relationships xmlns="{RELS_NS}"><Relationship Id="rId1" '
    f'Type="{DOC_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<workbook xmlns="{MAIN_NS}" xmlns:r="{DOC_REL}">'
    '<sheets><sheet name="agencies" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<Relationships xmlns="{RELS_NS}">'
    f'<Relationship Id="rId1" Type="{DOC_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{DOC_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)


def xlsx(rows: Iterable[bytes], shared: Iterable[str] = (), dimension: str | None = None) -> bytes:
    """A minimal workbook written by hand (deflated), its sheet XML streamed from rows."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        strings = "".join(f"<si><t>{s}</t></si>" for s in shared)
        archive.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN_NS}">{strings}</sst>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            dim = f'<dimension ref="{dimension}"/>' if dimension else ""
            sheet.write(f'<worksheet xmlns="{MAIN_NS}">{dim}<sheetData>'.encode())
            for chunk in rows:
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buf.getvalue()


def inline_row(*cells: str) -> bytes:
    return (
        "<row>" + "".join(f'<c t="inlineStr"><is><t>{c}</t></is></c>' for c in cells) + "</row>"
    ).encode()


def fixture_rows() -> list[bytes]:
    frame = fixture_frame()
    return [inline_row(*frame.columns), *(inline_row(*r) for r in frame.itertuples(index=False))]


def timed_refusal(data: bytes) -> tuple[list[roster.ImportProblem], float]:
    started = time.perf_counter()
    problems = refused(data)
    return problems, time.perf_counter() - started


def understated(data: bytes, member: str, size: int) -> bytes:
    """The zip with the central directory claiming member unpacks to size bytes."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at != -1:
        n = struct.unpack("<H", out[at + 28 : at + 30])[0]
        if bytes(out[at + 46 : at + 46 + n]) == member.encode():
            out[at + 24 : at + 28] = struct.pack("<I", size)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def test_an_xlsx_of_a_million_rows_is_refused_before_parsing() -> None:
    # the same builder's workbook of the fixture imports: the refusals below are the caps'
    agencies, problems = roster.validate(xlsx(fixture_rows()), "r.xlsx", DIVISIONS, SNAP)
    assert problems == [] and len(agencies) == 90

    row = inline_row("x")
    data = xlsx([*fixture_rows(), *[row * 10_000] * 150])  # 1.5 million rows
    assert len(data) < roster.MAX_BYTES  # small as uploaded
    problems, elapsed = timed_refusal(data)
    assert elapsed < 3
    assert [(p.line, p.code) for p in problems] == [(0, "xlsx_unpacked")]
    assert roster.message(problems[0], en).startswith("The XLSX file unpacks to 70 MB;")
    assert all(len(m) < SHORT for m in messages(problems))

    # a directory that understates the sheet to pass the cap does not help: zipfile
    # stops reading at the declared size, and the CRC check then fails
    lying = understated(data, "xl/worksheets/sheet1.xml", 5000)
    problems, elapsed = timed_refusal(lying)
    assert elapsed < 3
    assert [(p.code, p.params.get("detail")) for p in problems] == [("not_tabular", "XLSX")]


def test_an_xlsx_with_one_huge_shared_string_is_refused_before_parsing() -> None:
    data = xlsx([b'<row><c t="s"><v>0</v></c></row>'], shared=["A" * 50_000_000])
    assert len(data) < 100_000
    problems, elapsed = timed_refusal(data)
    assert elapsed < 3
    assert [p.code for p in problems] == ["xlsx_unpacked"]
    assert all(len(m) < SHORT for m in messages(problems))


def test_an_xlsx_header_cell_over_the_cap_is_refused_and_echoed_short() -> None:
    rows = fixture_rows()
    header = rows[0].replace(b"</row>", b'<c t="s"><v>0</v></c></row>')  # one shared string
    data = xlsx([header, *rows[1:]], shared=["B" * 1_000_000])
    problems = refused(data)
    assert [(p.line, p.column, p.code) for p in problems] == [(1, "(header)", "cell_too_long")]
    assert "1,000,000 characters" in roster.message(problems[0], en)
    assert all(len(m) < SHORT for m in messages(problems))


def test_an_xlsx_over_the_row_cap_is_refused_whether_declared_or_not() -> None:
    declared = xlsx(fixture_rows(), dimension="A1:H100000")
    problems = refused(declared)
    assert [(p.line, p.code) for p in problems] == [(0, "too_many_rows")]
    many = xlsx([*fixture_rows(), *[inline_row("x")] * 5_000])  # no dimension
    problems, elapsed = timed_refusal(many)
    assert elapsed < 3
    assert [(p.line, p.code) for p in problems] == [(5_002, "too_many_rows")]
    assert roster.message(problems[0], en) == (
        "The file has more than 5,000 rows after the header; a roster has one row per agency."
    )
    gap = xlsx([*fixture_rows(), b'<row r="1048576"><c><v>1</v></c></row>'])
    assert [p.code for p in refused(gap)] == ["too_many_rows"]


def test_an_xlsx_over_the_column_cap_is_refused() -> None:
    wide = xlsx(fixture_rows(), dimension="A1:XFD91")
    assert [p.code for p in refused(wide)] == ["too_many_columns"]
    far = fixture_rows()
    far[5] = far[5].replace(b"</row>", b'<c r="AZ6"><v>1</v></c></row>')
    problems = refused(xlsx(far))
    assert [(p.line, p.code) for p in problems] == [(6, "too_many_columns")]
    padded = fixture_rows()  # styled empty cells far to the right are padding, not data
    padded[5] = padded[5].replace(b"</row>", b'<c r="XFD6" s="1"/></row>')
    agencies, problems = roster.validate(xlsx(padded), "r.xlsx", DIVISIONS, SNAP)
    assert problems == [] and len(agencies) == 90


# ---------------------------------------------------------------- CSV caps


def test_a_csv_cell_over_the_cap_is_refused_with_an_excerpt() -> None:
    frame = fixture_frame()
    frame.loc[3, "name_zh"] = "长" * 100_000  # the review's 100,000-character name
    problems = refused(csv_bytes(frame))
    assert [(p.line, p.column, p.code) for p in problems] == [(5, "name_zh", "cell_too_long")]
    assert roster.message(problems[0], en) == (
        "The cell has 100,000 characters; the limit is 500. It begins '" + "长" * 40 + "…'."
    )
    assert all(len(m) < SHORT for m in messages(problems))
    frame.loc[3, "name_zh"] = "x" * 1_500_000  # over the csv module's own field limit
    problems = refused(csv_bytes(frame))
    assert [p.code for p in problems] == ["not_tabular"]
    assert all(len(m) < SHORT for m in messages(problems))


def test_a_name_over_the_models_cap_is_refused() -> None:
    frame = fixture_frame()
    frame.loc[3, "name_en"] = "An agency " * 30  # 300 characters: under the cell cap
    problems = refused(csv_bytes(frame))
    assert [(p.line, p.column, p.code) for p in problems] == [(5, "name_en", "too_long")]
    assert roster.message(problems[0], zh).startswith("该值有 299 个字符，超过上限 250。")
    assert all(len(m) < SHORT for m in messages(problems))


def test_a_csv_over_the_row_or_column_cap_is_refused() -> None:
    frame = fixture_frame()
    long = pd.concat([frame] * 56, ignore_index=True)  # 5,040 rows
    problems = refused(csv_bytes(long))
    assert [(p.line, p.code) for p in problems] == [(5_002, "too_many_rows")]
    wide = csv_bytes(frame).replace(b"\n", b"," + b",x" * 40 + b"\n", 3)
    problems = refused(wide)
    assert [(p.line, p.code) for p in problems] == [(1, "too_many_columns")]
    assert roster.message(problems[0], en).startswith("The file has cells beyond column 40;")
    padded = csv_bytes(frame).replace(b"\n", b"," * 60 + b"\n")  # empty cells: padding
    assert roster.validate(padded, "r.csv", DIVISIONS, SNAP)[1] == []


def test_bad_values_and_column_names_are_echoed_short(private_data: DataPaths) -> None:
    frame = fixture_frame()
    frame.loc[3, "host"] = "h" * 450
    frame.loc[4, "division_adcode"] = "9" * 450  # the rule's message quotes the value
    problems = refused(csv_bytes(frame))
    assert [(p.line, p.column, p.code) for p in problems] == [
        (5, "host", "bad_code"),
        (6, "division_adcode", "bad_adcode"),
    ]
    assert all(len(m) < SHORT for m in messages(problems))
    assert "“" + "h" * 40 + "…”" in roster.message(problems[0], en)
    assert "constituent_department, independent." in roster.message(problems[0], en)  # whole
    assert "9" * 41 not in roster.message(problems[1], en)
    header = refused(csv_bytes(frame.assign(**{"c" * 450: "x"})))
    assert [(p.column, p.code) for p in header] == [("c" * 40 + "…", "unknown_column")]
    assert all(len(m) < SHORT for m in messages(header))
    bad = private_data.root / "bad.csv"
    bad.write_bytes(csv_bytes(frame.assign(**{"c" * 450: "x", "d" * 450: "y"})))
    done = subprocess.run(
        [sys.executable, "-m", "app", "import", str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1  # one line
    assert "column " + "c" * 40 + "…: Unknown column" in done.stderr
    assert len(done.stderr) < 1200


# ---------------------------------------------------------------- encodings


def test_latin1_text_is_refused_not_read_as_chinese() -> None:
    frame = fixture_frame()
    frame["name_zh"] = "Agency " + frame["agency_id"]  # Latin-1 cannot hold Chinese
    frame.loc[0, "name_en"] = "Nänjing data bureau"
    for encoding in ("latin-1", "cp1252"):
        problems = refused(csv_bytes(frame, encoding))
        assert [(p.line, p.column, p.code) for p in problems] == [
            (2, "(file)", "encoding_not_chinese")
        ]
        assert "N鋘jing" in roster.message(problems[0], en)
        assert "CSV UTF-8" in roster.message(problems[0], en)
        assert "CSV UTF-8" in roster.message(problems[0], zh)
    # a real GBK roster still reads, even with a rare character or two in it
    frame = fixture_frame()
    frame.loc[5, "name_zh"] = "堃" + frame.loc[5, "name_zh"]
    agencies, problems = roster.validate(csv_bytes(frame, "gbk"), "r.csv", DIVISIONS, SNAP)
    assert problems == [] and agencies[5].name_zh.startswith("堃")


def test_bytes_no_encoding_reads_are_refused_with_the_advice() -> None:
    problems = refused(b"agency_id,level\n\x81\x30\xff\xfe\x80x\n")
    assert [p.code for p in problems] == ["encoding"]
    assert "CSV UTF-8" in roster.message(problems[0], en)
