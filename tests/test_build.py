"""The build: every row validated; a bad row stops it with file, line, column and reason."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from app.core.config import ROOT, DataPaths
from app.core.i18n import translator
from app.data.build import BuildError, build


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    p = DataPaths(tmp_path / "data")
    shutil.copytree(ROOT / "data" / "sources", p.sources)
    return p


def edit_cell(path: Path, row_index: int, column: str, value: str) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[row_index][column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_build_writes_one_parquet_per_source(paths: DataPaths) -> None:
    counts = build(paths)
    assert counts["agencies"] == 90
    assert counts["divisions"] == 34 + 13 + 95
    for name in counts:
        assert (paths.parquet / f"{name}.parquet").exists()


def test_bad_host_stops_the_build_and_names_file_line_column(paths: DataPaths) -> None:
    build(paths)
    before = (paths.parquet / "agencies.parquet").read_bytes()
    edit_cell(paths.sources / "agencies.csv", 20, "host", "party_committee")
    with pytest.raises(BuildError) as err:
        build(paths)
    (problem,) = err.value.problems
    assert (problem.file, problem.line, problem.column) == ("agencies.csv", 22, "host")
    assert problem.code == "bad_code" and "government_general_office" in str(problem)
    assert problem.message(translator("zh")).startswith("“party_committee”不是允许的代码")
    assert (paths.parquet / "agencies.parquet").read_bytes() == before


def test_no_table_is_written_when_any_table_is_bad(paths: DataPaths) -> None:
    edit_cell(paths.sources / "sources.csv", 0, "paragraph", "11")
    with pytest.raises(BuildError) as err:
        build(paths)
    assert err.value.problems[0].column == "paragraph"
    assert not paths.parquet.exists() or not list(paths.parquet.glob("*.parquet"))


def test_missing_and_unknown_columns_are_named(paths: DataPaths) -> None:
    frame = pd.read_csv(paths.sources / "provinces.csv", dtype=str)
    frame.rename(columns={"push_model": "model"}).to_csv(
        paths.sources / "provinces.csv", index=False
    )
    with pytest.raises(BuildError) as err:
        build(paths)
    codes = {(p.column, p.code) for p in err.value.problems}
    assert ("push_model", "missing_column") in codes
    assert ("model", "unknown_column") in codes


def test_agency_in_unknown_division_is_refused(paths: DataPaths) -> None:
    edit_cell(paths.sources / "agencies.csv", 1, "division_adcode", "329999")
    with pytest.raises(BuildError) as err:
        build(paths)
    assert "329999 is not a known unit" in str(err.value)


def test_duplicate_agency_id_is_refused(paths: DataPaths) -> None:
    rows = list(csv.DictReader((paths.sources / "agencies.csv").open(encoding="utf-8")))
    edit_cell(paths.sources / "agencies.csv", 30, "agency_id", rows[31]["agency_id"])
    with pytest.raises(BuildError) as err:
        build(paths)
    assert [p.code for p in err.value.problems] == ["duplicate_key"]
    assert "Duplicate key seed, " in str(err.value)


def test_excerpt_must_be_verbatim(paths: DataPaths) -> None:
    edit_cell(paths.sources / "reported_figures.csv", 0, "excerpt", "44個掛牌在政府辦")
    with pytest.raises(BuildError) as err:
        build(paths)
    assert [p.code for p in err.value.problems] == ["not_verbatim"]


@pytest.mark.parametrize(
    ("row", "column", "value", "code"),
    [
        (1, "excerpt", "隸屬關系完全相同", "not_verbatim"),  # words the source does not say
        (1, "source_ref", "", "claim_incomplete"),  # stated: needs its paragraph
        (5, "statement_en", "None of the county agencies is at the office.", "claim_unknown_says"),
    ],
)
def test_a_metric_statement_is_the_source_s_words_or_nothing(
    paths: DataPaths, row: int, column: str, value: str, code: str
) -> None:
    """/gap quotes these beside its metrics: stated rows are verbatim with their paragraph;
    an unknown row (the source says nothing) says nothing."""
    edit_cell(paths.sources / "metric_statements.csv", row, column, value)
    with pytest.raises(BuildError) as err:
        build(paths)
    found = [(p.file, p.column, p.code) for p in err.value.problems]
    assert ("metric_statements.csv", column, code) in found


def test_statement_excerpt_must_be_verbatim(paths: DataPaths) -> None:
    edit_cell(paths.sources / "statements.csv", 0, "excerpt", "江蘇已完成三級架構")
    with pytest.raises(BuildError) as err:
        build(paths)
    (problem,) = err.value.problems
    assert (problem.file, problem.column) == ("statements.csv", "excerpt")
