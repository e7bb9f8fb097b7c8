"""python -m app: build, query (read-only sandbox, exit code 2 on refusal), check."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from app.core.config import ROOT, DataPaths
from tests.source_edits import edit_agency


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_query_prints_county_hosts_in_order() -> None:
    result = run("query", "select host, n from v_county_host order by n desc", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("\ufeff")  # the same bytes as --out file.csv
    rows = list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert rows[0] == ["host", "n"]
    assert [int(n) for _, n in rows[1:]] == [43, 11, 8, 7, 6, 1]
    assert rows[1][0] == "government_general_office"


def test_query_json_and_file_output(tmp_path) -> None:
    result = run("query", "select coverage, n from v_county_coverage", "--format", "json")
    assert json.loads(result.stdout) == [
        {"coverage": "with_agency", "n": 76},
        {"coverage": "without_agency", "n": 19},
    ]
    out = tmp_path / "hosts.parquet"
    assert run("query", "select * from v_city_host", "--out", str(out)).returncode == 0
    assert pd.read_parquet(out)["n"].sum() == 13


@pytest.mark.parametrize(
    "sql",
    [
        "COPY (SELECT 1) TO '/tmp/x.csv'",
        "ATTACH '/tmp/x.db'",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET threads = 1",
        "PRAGMA version",
        "CREATE TABLE t (a INT)",
        "INSERT INTO agencies SELECT * FROM agencies",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT 1; SELECT 2",
        "EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1",
        "CALL pragma_version()",
        "",
    ],
)
def test_query_refuses_anything_but_one_read(sql: str) -> None:
    result = run("query", sql)
    assert result.returncode == 2, (sql, result.stdout, result.stderr)
    assert result.stderr.startswith("refused:"), result.stderr
    assert result.stdout == ""


def test_check_passes_on_the_seed() -> None:
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "county_host_government_general_office" in result.stdout
    assert "all 17 computable figures match the source" in result.stdout
    # which matches confirm the source, which only check rows written from its numbers
    assert "7 confirm it on rows that name their unit" in result.stdout
    assert "10 are only consistency checks" in result.stdout
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("county_with_agency"))
    assert "placeholder_rows" in line


def test_check_fails_and_names_the_figure_when_a_row_changes(data_copy: DataPaths) -> None:
    edit_agency(data_copy, "js-county-gov-office-01", host="independent")  # and its claim
    env = {"ATLAS_DATA_DIR": str(data_copy.root)}
    assert run("build", env=env).returncode == 0
    result = run("check", env=env)
    assert result.returncode == 1
    assert "county_host_government_general_office" in result.stderr
    assert "county_host_independent" in result.stderr


def test_build_failure_exits_non_zero_with_location(data_copy: DataPaths) -> None:
    path = data_copy.sources / "agencies.csv"
    text = path.read_text(encoding="utf-8").replace(",public_institution,", ",charity,", 1)
    path.write_text(text, encoding="utf-8")
    result = run("build", env={"ATLAS_DATA_DIR": str(data_copy.root)})
    assert result.returncode == 1
    assert "agencies.csv:2: column 'nature'" in result.stderr
    assert "nothing was written" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet", "xlsx"])
def test_standard_output_and_out_file_are_the_same_bytes(fmt: str, tmp_path) -> None:
    sql = (
        'SELECT chr(13) || \'x\' AS "=HYPERLINK(""http://x"")", \'+cmd\' AS b, '
        "2.5::DECIMAL(3,1) AS d, range AS n FROM range(3)"
    )
    piped = subprocess.run(
        [sys.executable, "-m", "app", "query", sql, "--format", fmt],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert piped.returncode == 0, piped.stderr
    out = tmp_path / f"result.{fmt}"
    assert run("query", sql, "--out", str(out)).returncode == 0
    assert piped.stdout == out.read_bytes()
    if fmt == "csv":
        text = piped.stdout.decode("utf-8")
        assert text.startswith("\ufeff") and "\r\n" in text
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
        assert rows[0][0] == '\'=HYPERLINK("http://x")'  # the header is guarded too
        assert rows[1] == ["'\rx", "'+cmd", "2.5", "0"]  # the bare CR stays inside its cell
    if fmt == "json":
        assert json.loads(piped.stdout)[0]["d"] == 2.5  # DECIMAL as a number


@pytest.mark.parametrize("value", ["nan", "inf", "1e308", "-1", "0", "soon"])
def test_timeout_must_be_finite_positive_and_bounded(value: str) -> None:
    result = run("query", "select 1", "--timeout", value)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--timeout" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_huge_result_streams_and_is_refused_past_the_cap(tmp_path) -> None:
    """The command line no longer fetches everything: 100 million rows stop at the row cap
    with a bounded memory, and no half-written file is left."""
    folder = tmp_path / "out"  # the test's state store lives beside it, in tmp_path/state
    folder.mkdir()
    out = folder / "all.csv"
    probe = (
        "import resource, subprocess, sys;"
        "r = subprocess.run([sys.executable, '-m', 'app', 'query', "
        "'SELECT * FROM range(100000000)', '--out', sys.argv[1]], capture_output=True, text=True);"
        "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
        "print(r.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    code, peak_kb = result.stdout.split()[:2]
    assert code == "2" and "refused: the result is larger than" in result.stdout
    assert int(peak_kb) < 1024 * 1024, f"peak {int(peak_kb) // 1024} MB"
    assert not out.exists() and not list(folder.iterdir())
