"""Roster import: the named-county fixture becomes a snapshot; bad files change nothing."""

from __future__ import annotations

import getpass
import hashlib
import io
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from app import roster
from app.core.config import ROOT, SEED_SNAPSHOT, DataPaths
from app.core.i18n import translator
from app.core.roles import Refused
from app.data import db, exports, legacy, snapshots
from tests.actors import EDITOR, LOCAL, VIEWER

FIXTURE = ROOT / "tests" / "fixtures" / "roster_named_counties.csv"
en = translator("en")
zh = translator("zh")


def fixture_bytes() -> bytes:
    return FIXTURE.read_bytes()


def fixture_frame() -> pd.DataFrame:
    return pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)


def csv_bytes(frame: pd.DataFrame, encoding: str = "utf-8") -> bytes:
    return frame.to_csv(index=False).encode(encoding)


def state(paths: DataPaths) -> dict[str, str]:
    """Every file of the data folder with its hash: an import writes only to the state
    store, never in the data folder (the seed least of all)."""
    return {
        str(p.relative_to(paths.root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(paths.root.rglob("*"))
        if p.is_file()
    }


def test_fixture_is_a_full_roster_with_76_named_counties() -> None:
    frame = fixture_frame()
    counties = frame[frame["level"] == "county"]
    assert len(counties) == 76
    assert counties["division_adcode"].str.match(r"^32\d{4}$").all()
    assert counties["division_adcode"].is_unique
    assert (frame["level"] == "city").sum() == 13


def test_named_county_roster_imports_and_the_views_use_it(data_copy: DataPaths) -> None:
    seed_before = (data_copy.parquet / "agencies.parquet").read_bytes()
    files_before = state(data_copy)
    result = roster.import_roster(
        data_copy, fixture_bytes(), "roster_named_counties.csv", "test fixture", EDITOR
    )
    assert result.problems == []
    snap = result.snapshot
    assert snap is not None and snap.rows == 90 and snap.note == "test fixture"
    assert (snap.created_by, snap.who) == ("oidc:ed@example.org", "Ed")
    assert roster.SNAPSHOT_ID.match(snap.snapshot_id)
    assert (data_copy.parquet / "agencies.parquet").read_bytes() == seed_before  # seed untouched
    assert state(data_copy) == files_before  # nothing written in the data folder
    assert [s.snapshot_id for s in roster.list_snapshots()] == [snap.snapshot_id]
    assert roster.snapshot_ids() == ["seed", snap.snapshot_id]
    assert snapshots.published_id() == SEED_SNAPSHOT  # a draft: readers still see the seed

    con = db.connect(data_copy)
    agencies = db.view(con, "v_agencies", snapshot=snap.snapshot_id)
    assert len(agencies) == 90
    assert set(agencies["confidence"]) == {"imported"}
    assert set(agencies["source_ref"]) == {"import:roster_named_counties.csv"}
    counties = agencies[agencies["level"] == "county"]
    assert counties["division_zh"].notna().all()  # every county is named now
    assert counties["city_adcode"].notna().all()
    assert "玄武区" in set(counties["division_zh"])
    hosts = db.view(con, "v_county_host", snapshot=snap.snapshot_id)
    assert hosts["n"].tolist() == [43, 11, 8, 7, 6, 1]
    city = db.view(con, "v_city_host", snapshot=snap.snapshot_id).set_index("host")["n"]
    seed_city = db.view(con, "v_city_host", snapshot="seed").set_index("host")["n"]
    assert city["industry_it_bureau"] == seed_city["industry_it_bureau"] - 1  # Xuzhou moved
    assert city["government_services_office"] == seed_city.get("government_services_office", 0) + 1
    # the seed is still there, unchanged, beside the import
    assert len(db.view(con, "v_agencies", snapshot="seed")) == 90
    assert db.view(con, "v_agencies", snapshot="seed")["division_adcode"].isna().sum() == 76
    # the counties the roster leaves out are the ones without an agency
    without = db.query(
        con,
        (ROOT / "sql" / "queries" / "counties_without_named_agency.sql").read_text(),
        snapshot=snap.snapshot_id,
    )
    assert len(without) == 19


def test_changes_view_lists_added_removed_and_rehosted(data_copy: DataPaths) -> None:
    snap = roster.import_roster(data_copy, fixture_bytes(), "r.csv", "", LOCAL).snapshot
    con = db.connect(data_copy)
    changes = roster.changes(con, "seed", snap.snapshot_id)
    counts = changes["change"].value_counts().to_dict()
    assert counts == {"added": 76, "removed": 76, "rehosted": 1}
    moved = changes[changes["change"] == "rehosted"].iloc[0]
    assert moved["division_adcode"] == "320300" and moved["division_zh"] == "徐州市"
    assert (moved["old_host"], moved["new_host"]) == (
        "industry_it_bureau",
        "government_services_office",
    )
    added = changes[changes["change"] == "added"]
    assert added["division_adcode"].notna().all() and (added["level"] == "county").all()
    assert roster.changes(con, snap.snapshot_id, snap.snapshot_id).empty
    back = roster.changes(con, snap.snapshot_id, "seed")["change"].value_counts().to_dict()
    assert back == {"added": 76, "removed": 76, "rehosted": 1}


def test_a_second_import_in_the_same_second_is_a_new_draft(data_copy: DataPaths) -> None:
    frame = fixture_frame()
    first = roster.import_roster(
        data_copy, fixture_bytes(), "a.csv", "", LOCAL, now=datetime(2026, 1, 1, 9, 0, 0)
    )
    frame.loc[frame["division_adcode"] == "320100", "host"] = "independent"
    second = roster.import_roster(
        data_copy, csv_bytes(frame), "b.csv", "", EDITOR, now=datetime(2026, 1, 1, 9, 0, 0)
    )
    assert first.snapshot and second.snapshot
    assert second.snapshot.snapshot_id == first.snapshot.snapshot_id + "-2"
    assert roster.snapshot_ids()[-1] == second.snapshot.snapshot_id
    assert snapshots.published_id() == SEED_SNAPSHOT  # neither import is published by itself
    con = db.connect(data_copy)
    changes = roster.changes(con, first.snapshot.snapshot_id, second.snapshot.snapshot_id)
    assert changes[["change", "division_adcode", "new_host"]].values.tolist() == [
        ["rehosted", "320100", "independent"]
    ]


def test_gbk_and_bom_csv_and_xlsx_read_the_same(data_copy: DataPaths) -> None:
    frame = fixture_frame()
    divisions = roster.load_divisions(data_copy)
    xlsx_frame = frame.copy()
    xlsx_frame["division_adcode"] = pd.to_numeric(
        xlsx_frame["division_adcode"]
    )  # as Excel types it
    variants = {
        "gbk.csv": csv_bytes(frame, "gbk"),
        "bom.csv": csv_bytes(frame, "utf-8-sig"),
        "roster.xlsx": exports.sheets_to_xlsx({"agencies": xlsx_frame}),
        "excel-export.csv": exports.to_bytes(frame, "csv"),
    }
    for name, data in variants.items():
        agencies, problems = roster.validate(data, name, divisions, "import-20260101-000000")
        assert problems == [], (name, problems[:3])
        assert len(agencies) == 90, name
        by_id = {a.agency_id: a for a in agencies}
        assert by_id["test-county-320102"].name_zh == "玄武区大数据管理机构(测试数据)", name
        assert by_id["test-county-320102"].division_adcode == "320102", name


def test_template_has_the_columns_and_the_allowed_codes(data_copy: DataPaths) -> None:
    con = db.connect(data_copy)
    payload = roster.template_xlsx(db.view(con, "codes"), db.view(con, "divisions"))
    sheets = pd.read_excel(io.BytesIO(payload), sheet_name=None, dtype=str)
    assert list(sheets) == ["agencies", "codes", "divisions"]
    assert list(sheets["agencies"].columns) == [*roster.IMPORT_COLUMNS, "excerpt"]
    codes = sheets["codes"]
    assert set(codes[codes["column"] == "host"]["code"]) == {
        "government_general_office",
        "government_services_office",
        "development_reform_commission",
        "administrative_approval_bureau",
        "economic_development_bureau",
        "industry_it_bureau",
        "constituent_department",
        "independent",
    }
    assert "事业单位" in set(codes["label_zh"])
    assert len(sheets["divisions"]) == 1 + 13 + 95
    # the empty template itself is refused with "no rows", not an exception
    _, problems = roster.validate(payload, "t.xlsx", roster.load_divisions(data_copy), "x")
    assert [p.code for p in problems] == ["no_rows"]


def bad_cases() -> dict[str, tuple[bytes, list[tuple[int, str, str]]]]:
    """name -> (file bytes, expected (row, column, code) problems)."""
    frame = fixture_frame()
    header = ",".join(frame.columns).encode()

    def edited(row: int, column: str, value: str) -> bytes:
        f = frame.copy()
        f.loc[row - 2, column] = value  # spreadsheet row numbers: header = row 1
        return csv_bytes(f)

    dup = frame.copy()
    dup.loc[20, "agency_id"] = dup.loc[19, "agency_id"]
    missing = frame.drop(columns=["host", "level"])
    return {
        "county adcode that is a city": (
            edited(20, "division_adcode", "320100"),
            # a county cannot sit in a city; and Nanjing already has its city agency
            [(20, "division_adcode", "division_level"), (20, "division_adcode", "division_taken")],
        ),
        "adcode that is no unit": (
            edited(20, "division_adcode", "329999"),
            [(20, "division_adcode", "division_unknown")],
        ),
        "adcode outside Jiangsu": (
            edited(2, "division_adcode", "330000"),
            [(2, "division_adcode", "outside_jiangsu")],
        ),
        "bad host code": (edited(5, "host", "gov_office"), [(5, "host", "bad_code")]),
        "bad nature code": (edited(5, "nature", "ngo"), [(5, "nature", "bad_code")]),
        "bad level": (edited(30, "level", "township"), [(30, "level", "bad_code")]),
        "malformed adcode": (
            edited(30, "division_adcode", "32010"),
            [(30, "division_adcode", "bad_adcode")],
        ),
        "missing name": (edited(40, "name_zh", ""), [(40, "name_zh", "required")]),
        "duplicate ids": (csv_bytes(dup), [(22, "agency_id", "duplicate_id")]),
        "two agencies in one county": (
            edited(20, "division_adcode", frame.loc[17, "division_adcode"]),
            [(20, "division_adcode", "division_taken")],
        ),
        "missing columns": (
            csv_bytes(missing),
            [(1, "level", "missing_column"), (1, "host", "missing_column")],
        ),
        "unknown column": (
            csv_bytes(frame.assign(colour="red")),
            [(1, "colour", "unknown_column")],
        ),
        "empty file": (b"", [(0, "(file)", "empty_file")]),
        "blank lines only": (b"\r\n\r\n  \n", [(0, "(file)", "empty_file")]),
        "header only": (header + b"\n", [(0, "(file)", "no_rows")]),
        "over the size cap": (
            header + b"\n" + b"x" * roster.MAX_BYTES,
            [(0, "(file)", "too_big")],
        ),
        "a PNG": (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            [(0, "(file)", "not_tabular")],
        ),
        "a broken zip": (b"PK\x03\x04" + b"\x00garbage" * 20, [(0, "(file)", "not_tabular")]),
        "an old xls": (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            [(0, "(file)", "xls_old")],
        ),
        "not text": (bytes([0x81, 0x30, 0xFF, 0xFE, 0x80] * 10), [(0, "(file)", "encoding")]),
        "row with extra cells": (
            fixture_bytes().replace(
                b"test-county-320102,county,320102,",
                b"test-county-320102,county,320102,x,y,z,w,v,u,t,",
            ),
            [(16, "(row)", "extra_cells")],
        ),
    }


@pytest.mark.parametrize("case", list(bad_cases()))
def test_each_bad_file_gives_its_message_and_changes_nothing(
    data_copy: DataPaths, case: str
) -> None:
    data, expected = bad_cases()[case]
    before = state(data_copy)
    result = roster.import_roster(data_copy, data, "bad.csv", "", LOCAL)
    assert result.snapshot is None
    found = [(p.line, p.column, p.code) for p in result.problems]
    assert found == expected, case
    assert state(data_copy) == before  # nothing written in the data folder
    assert roster.snapshot_ids() == ["seed"]  # nor in the store: no draft,
    assert snapshots.history().empty  # not even an audit row
    for t in (en, zh):  # every message formats in both languages, row and column shown
        report = roster.problems_frame(result.problems, t)
        assert len(report) == len(expected)
        for text in report.iloc[:, 2]:
            assert text and "{" not in text and not text.startswith("importer.")


def test_messages_are_specific() -> None:
    data, _ = bad_cases()["over the size cap"]
    _, problems = roster.validate(data, "big.csv", {}, "x")
    assert roster.message(problems[0], en) == (f"The file is {len(data)} bytes; the limit is 2 MB.")
    frame = fixture_frame()
    frame.loc[18, "division_adcode"] = "320100"
    divisions = roster.load_divisions(DataPaths(ROOT / "data"))  # read only
    _, problems = roster.validate(csv_bytes(frame), "r.csv", divisions, "x")
    assert roster.message(problems[0], en) == (
        "320100 (南京市) is a city-level unit, not a county-level unit."
    )
    assert roster.message(problems[0], zh) == "320100（南京市）是市级单位，不是县级单位。"
    assert roster.message(problems[1], en) == "320100 already has an agency (line 3)."
    report = roster.problems_frame(problems, zh)
    assert list(report.columns) == ["行", "列", "问题"]
    assert report.iloc[0].tolist()[:2] == [20, "division_adcode"]


def test_the_validation_report_downloads(data_copy: DataPaths) -> None:
    data, _ = bad_cases()["bad host code"]
    result = roster.import_roster(data_copy, data, "bad.csv", "", LOCAL)
    report = roster.problems_frame(result.problems, en)
    back = pd.read_csv(io.BytesIO(exports.to_bytes(report, "csv")), encoding="utf-8-sig")
    assert back.iloc[0]["Row"] == 5 and back.iloc[0]["Column"] == "host"
    assert "“gov_office” is not an allowed code" in back.iloc[0]["Problem"]


def run_cli(*args: str, paths: DataPaths) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "ATLAS_DATA_DIR": str(paths.root)},
        timeout=120,
    )


def test_cli_import_then_query_the_snapshot(data_copy: DataPaths, tmp_path: Path) -> None:
    done = run_cli("import", str(FIXTURE), "--note", "from the CLI", paths=data_copy)
    assert done.returncode == 0, done.stderr
    (snap,) = roster.list_snapshots()
    assert done.stdout.strip() == (
        f"90 agencies from roster_named_counties.csv -> draft snapshot {snap.snapshot_id}"
        f" (publish it with: python -m app snapshots publish {snap.snapshot_id})"
    )
    assert snap.note == "from the CLI"
    assert snap.created_by == f"cli:{getpass.getuser()}"  # the operating-system user
    counted = run_cli(
        "query",
        "select count(division_zh) as named from v_agencies where level = 'county'",
        "--snapshot",
        snap.snapshot_id,
        "--format",
        "csv",
        paths=data_copy,
    )
    assert counted.stdout.removeprefix("\ufeff").split() == ["named", "76"]

    bad = tmp_path / "bad.csv"
    bad.write_bytes(bad_cases()["bad host code"][0])
    failed = run_cli("import", str(bad), paths=data_copy)
    assert failed.returncode == 2 and failed.stderr.count("\n") == 1  # bad input: one line
    assert "nothing was written" in failed.stderr
    assert "row 5, column host: “gov_office” is not an allowed code" in failed.stderr
    assert len(roster.list_snapshots()) == 1
    missing = run_cli("import", str(tmp_path / "nope.csv"), paths=data_copy)
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_a_viewer_cannot_import_and_nothing_is_written(data_copy: DataPaths) -> None:
    with pytest.raises(Refused) as e:
        roster.import_roster(data_copy, fixture_bytes(), "r.csv", "", VIEWER)
    assert e.value.key == "auth.refused_import"
    assert roster.snapshot_ids() == ["seed"] and snapshots.history().empty


def test_a_corrupt_legacy_manifest_or_bad_id_is_ignored_not_fatal(data_copy: DataPaths) -> None:
    """Snapshots an older version kept as files in the data folder are taken into the
    store once; a manifest that does not parse, or names a path rather than an id, brings
    nothing and breaks nothing."""
    data_copy.snapshots.mkdir(parents=True)
    (data_copy.snapshots / "manifest.json").write_text("{not json", encoding="utf-8")
    assert legacy.adopt_snapshots(data_copy) == 0
    assert roster.list_snapshots() == []
    (data_copy.snapshots / "manifest.json").write_text(
        '{"snapshots": [{"snapshot_id": "../../etc", "created_at": "", '
        '"file_name": "", "rows": 0}]}',
        encoding="utf-8",
    )
    assert legacy.adopt_snapshots(data_copy) == 0
    assert roster.list_snapshots() == []
    assert len(db.view(db.connect(data_copy), "v_agencies")) == 90


def test_the_county_map_colours_the_imported_counties(data_copy: DataPaths) -> None:
    """The county map's states (app.core.map_states.county_states) from the imported snapshot."""
    from app.core import map_states
    from app.figures import geo

    snap = roster.import_roster(data_copy, fixture_bytes(), "r.csv", "", LOCAL).snapshot
    con = db.connect(data_copy)
    counties = list(geo.jiangsu_county_codes(db.view(con, "divisions")))
    assert len(counties) == 95
    seed = map_states.county_states(db.view(con, "v_agencies", snapshot="seed"), counties)
    assert set(seed["state"]) == {map_states.NOT_NAMED}  # the article names no county
    imported = map_states.county_states(
        db.view(con, "v_agencies", snapshot=snap.snapshot_id), counties
    )
    states = imported.set_index("adcode")["state"]
    assert (states == map_states.NO_AGENCY).sum() == 19
    assert states.value_counts().drop(map_states.NO_AGENCY).to_dict() == {
        "government_general_office": 43,
        "development_reform_commission": 11,
        "administrative_approval_bureau": 8,
        "economic_development_bureau": 7,
        "industry_it_bureau": 6,
        "independent": 1,
    }
    assert states["320102"] == "government_general_office"  # 玄武区, as the fixture says
