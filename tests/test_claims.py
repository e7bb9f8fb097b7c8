"""Provenance per claim: v_claims against ¶5-¶7, the build's refusals, imported rosters,
the structure table and map hovers."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from app import roster
from app.core import claims, structure
from app.core.config import ROOT, DataPaths, data_paths
from app.data import db
from app.data.build import BuildError, build
from app.figures import geo, maps
from tests.actors import LOCAL
from tests.source_edits import rewrite
from tests.test_roster import fixture_bytes

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


# v_claims against the source ------------------------------------------------------------


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    return db.connect(data_paths())


@pytest.fixture(scope="module")
def seed(con) -> pd.DataFrame:
    return db.view(con, "v_claims")


def claim(frame: pd.DataFrame, subject: str, attribute: str) -> pd.Series:
    rows = frame[(frame["subject_id"] == subject) & (frame["attribute"] == attribute)]
    assert len(rows) == 1, (subject, attribute)
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("subject", "attribute", "value", "confidence", "words"),
    [
        (TAIZHOU, "host", "government_general_office", "stated", "泰州、鎮江等8市"),
        (TAIZHOU, "nature", "administrative", "derived", "其余11個市級大數據機構為行政單位"),
        (
            NANTONG,
            "nature",
            "public_institution",
            "stated",
            "徐州、南通2市大數據管理機構為事業單位",
        ),
        (NANTONG, "host", "government_general_office", "derived", "僅有連云港市一家掛牌在市政務辦"),
        (XUZHOU, "nature", "public_institution", "stated", "徐州、南通2市"),
        (
            XUZHOU,
            "host",
            "industry_it_bureau",
            "stated",
            "鹽城、徐州等市大數據管理機構隸屬于市工信局",
        ),
        ("js-province", "rank", "deputy_department", "stated", "副廳級事業單位"),
        ("js-province", "host", "government_services_office", "stated", "由省政務辦管理"),
        (
            "js-county-gov-office-07",
            "host",
            "government_general_office",
            "stated",
            "43個掛牌在政府辦",
        ),
        (
            "440000",
            "research_partners",
            "中山大学;数广公司;华为;腾讯",
            "stated",
            "中山大學、數廣公司",
        ),
        ("520000", "three_level_structure", "true", "stated", "貴州等多個省份"),
        ("510000", "push_model", "3", "stated", "第三種四川、內蒙古模式"),
    ],
)
def test_claims_say_what_the_source_says(seed, subject, attribute, value, confidence, words):
    row = claim(seed, subject, attribute)
    assert (row["value"], row["confidence"]) == (value, confidence)
    assert words in row["excerpt"]
    assert row["source_ref"].startswith("article#p")


@pytest.mark.parametrize(
    ("subject", "attribute"),
    [
        (TAIZHOU, "rank"),
        ("js-county-gov-office-07", "nature"),
        ("js-county-independent-01", "rank"),
        ("520000", "push_model"),  # Guizhou is in no push model of ¶6
        ("320000", "three_level_structure"),  # ¶5 does not say Jiangsu has none
        ("310000", "research_partners"),
    ],
)
def test_what_the_source_does_not_say_is_unknown_with_no_words(seed, subject, attribute):
    row = claim(seed, subject, attribute)
    assert row["confidence"] == "unknown"
    assert row[["value", "source_ref", "excerpt"]].isna().all()


def test_every_agency_and_province_has_one_claim_per_attribute(con, seed) -> None:
    assert not seed.duplicated(["subject_id", "attribute"]).any()
    agencies = db.view(con, "v_agencies")
    per_agency = seed[seed["subject_kind"] == "agency"].groupby("subject_id")["attribute"]
    assert set(per_agency.groups) == set(agencies["agency_id"])
    assert all(sorted(a) == ["host", "nature", "rank"] for _, a in per_agency)
    provinces = seed[seed["subject_kind"] == "province"]
    assert provinces["subject_id"].nunique() == len(db.query(con, "SELECT * FROM provinces"))
    assert len(seed) == len(agencies) * 3 + provinces["subject_id"].nunique() * 3


def test_claim_counts_by_confidence(seed) -> None:
    counts = seed.groupby(["attribute", "confidence"]).size().to_dict()
    assert counts == {
        ("nature", "stated"): 3,  # the province's centre, Xuzhou, Nantong
        ("nature", "derived"): 11,  # ¶5 其余11个
        ("nature", "unknown"): 76,  # no county agency's nature is given
        ("host", "stated"): 1 + 7 + 76,  # the centre, the seven cities named, every county row
        ("host", "derived"): 6,  # the six government-office cities ¶5 does not name
        ("rank", "stated"): 1,  # 副厅级
        ("rank", "unknown"): 89,
        ("push_model", "stated"): 9,
        ("push_model", "unknown"): 1,
        ("three_level_structure", "stated"): 6,
        ("three_level_structure", "unknown"): 4,
        ("research_partners", "stated"): 2,
        ("research_partners", "unknown"): 8,
    }


def test_every_stated_or_derived_excerpt_is_verbatim_in_its_paragraph(con, seed) -> None:
    """In the paragraph's text in sources (tests/test_sources.py holds that to the article)."""
    sources = db.query(con, "SELECT source_ref, excerpt FROM sources").set_index("source_ref")
    known = seed[seed["confidence"] != "unknown"]
    assert len(known) == 122 and known["excerpt"].notna().all()
    for row in known.itertuples():
        for part in row.excerpt.split(" … "):
            assert part in sources.loc[row.source_ref, "excerpt"], (row.subject_id, part)


def test_columns_agree_with_claims_and_row_confidence_is_the_weakest(con, seed) -> None:
    by = claims.by_subject(seed)
    for a in db.view(con, "v_agencies").itertuples():
        mine = by[a.agency_id]
        for attribute in claims.AGENCY_ATTRIBUTES:
            assert claims.as_value(getattr(a, attribute)) == mine[attribute][0]
        assert a.confidence == claims.row_confidence(c for _, c in mine.values())
    assert by[TAIZHOU]["host"][1] == "stated" and claims.row_confidence(["stated", "derived"]) == (
        "derived"
    )
    assert claims.row_confidence(["stated", "unknown"]) == "stated"
    assert claims.row_confidence(["unknown"]) is None


def test_an_imported_roster_makes_every_agency_claim_imported(data_copy: DataPaths) -> None:
    snap = roster.import_roster(data_copy, fixture_bytes(), "named.csv", "", LOCAL).snapshot
    con = db.connect(data_copy)
    imported = db.view(con, "v_claims", snapshot=snap.snapshot_id)
    agencies = imported[imported["subject_kind"] == "agency"]
    assert len(agencies) == 90 * 3
    assert set(agencies["confidence"]) == {"imported"}
    assert set(agencies["source_ref"]) == {"import:named.csv"}
    assert agencies["excerpt"].isna().all()
    xuzhou = claim(agencies, XUZHOU, "host")
    assert xuzhou["value"] == "government_services_office"  # what the roster says
    # the provinces' claims are the source's, whatever roster is active
    provinces = imported[imported["subject_kind"] == "province"]
    assert len(provinces) == 30 and "imported" not in set(provinces["confidence"])
    # and the seed is unchanged beside it
    assert claim(db.view(con, "v_claims", snapshot="seed"), XUZHOU, "host")["confidence"] == (
        "stated"
    )


def test_an_imported_row_of_the_seed_is_its_own_claims(paths: DataPaths) -> None:
    """A row from a file, not the article (confidence imported), needs no claims.csv rows:
    v_claims makes its claims from the row, all imported (the national benchmark's rows)."""
    row = {
        "agency_id": "file-320102",
        "snapshot": "seed",
        "level": "county",
        "division_adcode": "320102",
        "name_zh": "玄武区机构",
        "name_en": "Xuanwu agency",
        "nature": "",
        "host": "independent",
        "rank": "",
        "confidence": "imported",
        "excerpt": "",
        "source_ref": "import:list.csv",
    }
    rewrite(paths.sources / "agencies.csv", lambda rows: [*rows, row])
    build(paths)
    mine = db.view(db.connect(paths), "v_claims").query("subject_id == 'file-320102'")
    assert mine["attribute"].tolist() == ["nature", "host", "rank"]
    assert set(mine["confidence"]) == {"imported"}
    assert mine["value"].tolist()[1] == "independent"
    # a stated row still needs its claims
    rewrite(
        paths.sources / "agencies.csv",
        lambda rows: [
            *rows,
            {**row, "agency_id": "x", "division_adcode": "320104", "confidence": "stated"},
        ],
    )
    assert ("agencies.csv", "host", "claim_missing") in refusals(paths)


# shown: the structure table and the map hovers --------------------------------------------


def wording(con, lang: str) -> claims.Wording:
    codes = db.view(con, "codes")
    values = {a: structure.labels(codes, a, lang) for a in claims.AGENCY_ATTRIBUTES}
    return claims.wording(lang, values)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_structure_table_shows_each_claims_confidence(con, seed, lang) -> None:
    codes, divisions = db.view(con, "codes"), db.view(con, "divisions")
    agencies = structure.prepared(db.view(con, "v_agencies"))
    table = structure.table(
        agencies,
        lang,
        structure.labels(codes, "host", lang),
        structure.labels(codes, "nature", lang),
        structure.labels(codes, "level", lang),
        structure.division_names(divisions, lang),
        unknown="?",
        not_named="-",
        claims=claims.by_subject(seed),
        wording=wording(con, lang),
    ).set_index("agency_id")
    words = {
        "en": ("Stated", "Derived", "Not in source", "Deputy-department level"),
        "zh": ("原文明示", "由原文推得", "来源未说明", "副厅级"),
    }[lang]
    stated, derived, unknown, deputy = words
    columns = ["host_confidence", "nature_confidence", "rank", "rank_confidence", "confidence"]
    assert table.loc[TAIZHOU, columns].tolist() == [stated, derived, "?", unknown, derived]
    assert table.loc[NANTONG, columns].tolist() == [derived, stated, "?", unknown, derived]
    assert table.loc[XUZHOU, columns].tolist() == [stated, stated, "?", unknown, stated]
    assert table.loc["js-province", columns].tolist() == [stated, stated, deputy, stated, stated]
    order = table.columns.tolist()
    assert order.index("host_confidence") == order.index("host") + 1
    assert order.index("nature_confidence") == order.index("nature") + 1


def test_the_city_map_hover_names_each_claims_confidence(con, seed) -> None:
    divisions = db.view(con, "divisions")
    empty = {"type": "FeatureCollection", "features": []}
    bounds = maps.Boundaries(empty, empty)
    args = (divisions, db.view(con, "v_agencies"), db.view(con, "codes"), bounds)
    fig = maps.city_map(*args, "en", "host", seed)
    hover = dict(zip(fig.data[0].locations, fig.data[0].text, strict=True))
    assert "Hosted at: Government general office (Stated)" in hover["321200"]
    assert "Nature: Administrative body (Derived)" in hover["321200"]
    assert "Hosted at: Government general office (Derived)" in hover["320600"]
    assert "Nature: Public institution (Stated)" in hover["320600"]
    assert "Rank: Not in source" in hover["320300"]
    zh = maps.city_map(*args, "zh", "nature", seed)
    taizhou = dict(zip(zh.data[0].locations, zh.data[0].text, strict=True))["321200"]
    assert "挂靠单位：政府办（办公厅）（原文明示）" in taizhou
    assert "性质：行政单位（由原文推得）" in taizhou


def test_the_county_map_hover_marks_an_imported_rosters_claims(data_copy: DataPaths) -> None:
    snap = roster.import_roster(data_copy, fixture_bytes(), "named.csv", "", LOCAL).snapshot
    con = db.connect(data_copy)
    divisions = db.view(con, "divisions")
    empty = {"type": "FeatureCollection", "features": []}
    fig = maps.county_map(
        divisions,
        db.view(con, "v_agencies", snapshot=snap.snapshot_id),
        db.view(con, "codes"),
        maps.Boundaries(empty, empty),
        "zh",
        geo.jiangsu_county_codes(divisions),
        claims=db.view(con, "v_claims", snapshot=snap.snapshot_id),
    )
    hover = dict(zip(fig.data[0].locations, fig.data[0].text, strict=True))
    assert "挂靠单位：政府办（办公厅）（导入名册）" in hover["320102"]  # 玄武区, from the roster
    assert "性质：" in hover["320102"] and "（导入名册）" in hover["320102"]
    placed = [text for text in hover.values() if "导入名册" in text]
    assert len(placed) == 76  # every county the roster places, and only those
