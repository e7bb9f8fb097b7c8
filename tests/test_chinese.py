"""Simplified text: the converter renders every excerpt of the source correctly, and the
simplified text stored in data/sources is the converter's output (the build refuses it
otherwise)."""

from __future__ import annotations

import csv
import re
import tomllib

import pytest

from app.core.chinese import full_width, simplified
from app.core.config import ROOT
from app.core.provenance import Source
from app.data.build import validate_rows

SOURCES = ROOT / "data" / "sources"
ARTICLE = ROOT.parent / "shared" / "source" / "article.txt"
# 著 as the aspect particle or in 着力 is 着 in simplified script; 著 stays only in words
# such as 显著, 卓著, 著作, 著名, 著称 (none of which the article uses today).
PARTICLE_ZHE = re.compile(r"(?<![显卓昭])著(?![作名称述录])")
# The known cases, pinned: the article's two particles, and words OpenCC's phrase-level
# Taiwan config (tw2sp) would rewrite but the article's own words keep.
EXPECTED = {
    "一些瓶頸性問題制約著江蘇省政府數字化轉型的推進": (
        "一些瓶颈性问题制约着江苏省政府数字化转型的推进"
    ),
    "我省“十四五”數字政府規劃已編制出臺,著力強化五個融合推動落地實施": (
        "我省“十四五”数字政府规划已编制出台，着力强化五个融合推动落地实施"
    ),
    "加強線上線下深度融合": "加强线上线下深度融合",
    "改革理論創新氛圍尚未完全形成": "改革理论创新氛围尚未完全形成",
    "建立整體推進、急用優先、共性統建、個性統籌的工作格局": (
        "建立整体推进、急用优先、共性统建、个性统筹的工作格局"
    ),
    "開啟探索數字政府建設的新征程": "开启探索数字政府建设的新征程",
    "在充分整合現有存量算力資源基礎上": "在充分整合现有存量算力资源基础上",
    "顯著": "显著",
}


def rows(name: str) -> list[dict[str, str]]:
    with (SOURCES / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def excerpts() -> list[str]:
    """Every traditional-character text of data/sources (and the article's paragraphs)."""
    out = []
    for path in sorted(SOURCES.glob("*.csv")):
        for row in rows(path.stem):
            out += [v for k, v in row.items() if k == "excerpt" and v]
    if ARTICLE.is_file():
        out += ARTICLE.read_text(encoding="utf-8").splitlines()
    return sorted(set(out))


def simplified_columns() -> list[tuple[str, str, str]]:
    """(file, column, text) for every simplified-Chinese text column of data/sources."""
    out = []
    for path in sorted(SOURCES.glob("*.csv")):
        for row in rows(path.stem):
            out += [
                (path.name, k, v)
                for k, v in row.items()
                if (k.endswith("_zh") or k.endswith("_zh_hans")) and v
            ]
    return out


@pytest.mark.parametrize("traditional", list(EXPECTED))
def test_known_conversions(traditional: str) -> None:
    assert simplified(traditional) == EXPECTED[traditional]


def test_every_excerpt_converts_without_zhu_for_zhe() -> None:
    texts = excerpts()
    assert sum("著" in t for t in texts) >= 2  # ¶4 制約著 and ¶10 著力 are among them
    for text in texts:
        out = simplified(text)
        assert not PARTICLE_ZHE.search(out), out
        assert len(out) == len(text)  # character for character: no phrase substitution


def test_no_simplified_text_in_the_data_uses_zhu_for_zhe() -> None:
    found = [(f, c, t) for f, c, t in simplified_columns() if PARTICLE_ZHE.search(t)]
    assert found == []


def test_stored_simplified_paragraphs_are_the_converters_output() -> None:
    sources = rows("sources")
    assert len(sources) == 10
    for row in sources:
        assert row["excerpt_zh_hans"] == simplified(row["excerpt"]), row["source_ref"]
    p4, p10 = sources[3]["excerpt_zh_hans"], sources[9]["excerpt_zh_hans"]
    assert "制约着" in p4 and "制约著" not in p4
    assert "着力" in p10 and "著力" not in p10


def test_the_build_refuses_a_simplified_paragraph_that_is_not_the_converters() -> None:
    good = rows("sources")[3]
    bad = {**good, "excerpt_zh_hans": good["excerpt_zh_hans"].replace("制约着", "制约著")}
    valid, problems = validate_rows(Source, [(5, good), (5, bad)], "sources.csv")
    assert len(valid) == 1
    assert [(p.line, p.column, p.code) for p in problems] == [
        (5, "excerpt_zh_hans", "not_simplified")
    ]


def test_simplified_text_has_chinese_punctuation() -> None:
    """The article writes half-width marks; the simplified rendering a reader sees first uses
    Chinese ones, and leaves code, times and English untouched."""
    assert simplified("省大數據管理中心(副廳級事業單位),由省政務辦管理;") == (
        "省大数据管理中心（副厅级事业单位），由省政务办管理；"
    )
    assert full_width("95个县(市、区)") == "95个县（市、区）"
    for kept in ("2026-01-13 08:55", "v_county_host", "Model (HHI): 0.43", "n(n − 1)"):
        assert full_width(kept) == kept


def test_seed_chinese_text_has_chinese_punctuation() -> None:
    """Every Chinese text column of data/sources written by this project (not the verbatim
    excerpts, which keep the article's marks) uses Chinese punctuation."""
    for path in sorted(SOURCES.glob("*.csv")):
        for row in rows(path.stem):
            for column, value in row.items():
                if column.endswith(("_zh", "_zh_hans")) or column == "citation":
                    assert full_width(value) == value, (path.name, column, value)


def test_table_and_query_descriptions_have_chinese_punctuation() -> None:
    """The Chinese descriptions of tables (sql/tables.toml) and saved queries (their
    `-- *_zh:` headers) use Chinese punctuation; code such as import:名称 stays as typed."""
    tables = tomllib.loads((ROOT / "sql" / "tables.toml").read_text(encoding="utf-8"))
    texts = [
        text
        for table in tables.values()
        for key, value in table.items()
        for text in (
            list(value.values()) if key == "columns_zh" else [value] if key.endswith("_zh") else []
        )
    ]
    for path in sorted((ROOT / "sql" / "queries").glob("*.sql")):
        texts += re.findall(r"^-- \w+_zh: (.*)$", path.read_text(encoding="utf-8"), flags=re.M)
    assert len(texts) > 20
    for text in texts:
        assert full_width(text.replace("import:名称", "")) == text.replace("import:名称", ""), text
