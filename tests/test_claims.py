"""Provenance per claim: v_claims against ¶5-¶7, the build's refusals, imported rosters,
the structure table and map hovers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core.config import ROOT, DataPaths
from app.data.build import BuildError, build
from tests.source_edits import rewrite

TAIZHOU, NANTONG, XUZHOU = "js-city-321200", "js-city-320600", "js-city-320300"

# the build refuses what breaks the rules -------------------------------------------------


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    p = DataPaths(tmp_path / "data")
    shutil.copytree(ROOT / "data" / "sources", p.sources)
    return p


def set_claim(subject: str, attribute: str, **cells: str):
    def change(rows):
        for r in rows:
            if (r["subject_id"], r["attribute"]) == (subject, attribute):
                r.update(cells)
        return rows

    return change


def refusals(paths: DataPaths) -> set[tuple[str, str, str]]:
    with pytest.raises(BuildError) as err:
        build(paths)
    return {(p.file, p.column, p.code) for p in err.value.problems}


def test_the_source_tables_build_and_claims_are_written(paths: DataPaths) -> None:
    counts = build(paths)
    assert counts["claims"] == 300
    assert (paths.parquet / "claims.parquet").exists()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # a column that disagrees with its claim
        (
            set_claim(NANTONG, "host", value="independent"),
            ("agencies.csv", "host", "claim_disagrees"),
        ),
        # Taizhou's nature is derived: its row cannot be "stated"
        (
            set_claim(TAIZHOU, "nature", confidence="stated"),
            ("agencies.csv", "confidence", "confidence_not_weakest"),
        ),
        (
            set_claim(TAIZHOU, "host", subject_id="js-no-such"),
            ("claims.csv", "subject_id", "claim_no_agency"),
        ),
        (
            set_claim("520000", "push_model", subject_id="js-province"),
            ("claims.csv", "subject_id", "claim_no_province"),
        ),
        (
            set_claim(TAIZHOU, "rank", excerpt="泰州、鎮江等8市"),
            ("claims.csv", "excerpt", "claim_unknown_says"),
        ),
        (
            set_claim(TAIZHOU, "host", excerpt=""),
            ("claims.csv", "excerpt", "claim_incomplete"),
        ),
        (
            set_claim(TAIZHOU, "host", excerpt="泰州等9市大數據管理機構掛牌在市政府辦"),
            ("claims.csv", "excerpt", "not_verbatim"),
        ),
        (
            set_claim(TAIZHOU, "host", source_ref="article#p6"),
            ("claims.csv", "source_ref", "claim_ref_not_in_row"),
        ),
        (
            set_claim(TAIZHOU, "host", confidence="imported"),
            ("claims.csv", "confidence", "bad_code"),
        ),
    ],
)
def test_a_claim_breaking_a_rule_stops_the_build(paths: DataPaths, change, expected) -> None:
    rewrite(paths.sources / "claims.csv", change)
    assert expected in refusals(paths)
    assert not (paths.parquet / "claims.parquet").exists()


def test_a_missing_or_duplicate_claim_stops_the_build(paths: DataPaths) -> None:
    claims_csv = paths.sources / "claims.csv"
    rewrite(claims_csv, lambda rows: [r for r in rows if r["subject_id"] != TAIZHOU])
    assert ("agencies.csv", "rank", "claim_missing") in refusals(paths)
    shutil.copy(ROOT / "data" / "sources" / "claims.csv", claims_csv)
    rewrite(claims_csv, lambda rows: [*rows, rows[0]])
    assert ("claims.csv", "attribute", "duplicate_key") in refusals(paths)


def test_a_row_column_changed_without_its_claim_stops_the_build(paths: DataPaths) -> None:
    """One truth: editing agencies.csv alone (Yancheng to the government office) is refused."""

    def rehost(rows):
        for r in rows:
            if r["agency_id"] == "js-city-320900":
                r["host"] = "government_general_office"
        return rows

    rewrite(paths.sources / "agencies.csv", rehost)
    with pytest.raises(BuildError) as err:
        build(paths)
    (problem,) = [p for p in err.value.problems if p.code == "claim_disagrees"]
    assert (problem.line, problem.column) == (11, "host")
    assert "industry_it_bureau" in str(problem) and "government_general_office" in str(problem)
