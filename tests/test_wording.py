"""Wording against the source: translations that keep the source's meaning, the counts its
statements give, and a citation that describes the article instead of inventing a title."""

from __future__ import annotations

import csv
import re

import pytest

from app.core.config import ROOT
from app.core.i18n import catalogue
from tests.conftest import run_page

SOURCES = ROOT / "data" / "sources"


def rows(name: str) -> list[dict[str, str]]:
    with (SOURCES / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def english_texts() -> list[tuple[str, str]]:
    """(where, text) for every English string the app shows: catalogues and data columns."""
    out = [(f"en:{k}", v) for k, v in catalogue("en").items()]
    for path in sorted(SOURCES.glob("*.csv")):
        for i, row in enumerate(rows(path.stem), start=2):
            out += [(f"{path.name}:{i}:{k}", v) for k, v in row.items() if k.endswith("_en") and v]
    return out


# A wording that shifts the source's meaning, and why (finding 11 of issue #11).
SHIFTS = {
    r"Administration Cent(er|re)": "江苏省大数据管理中心 is a management centre (a 事业单位)",
    r"vice-governor": "分管省领导 is the provincial leader in charge",
    r"(?<![\w-])department-level public institution": "model 3 is 正厅级, full department level",
    r"theory and innovation research": "理论创新研究 is research on theoretical innovation",
    r"source measures|gap, measured": "the source analyses (分析) the gap; it measures nothing",
    r"(\}|\d) counties\b": "95个县(市、区) are county-level units (districts, cities, counties)",
    r"most counties": "43 of 95 units is not most of them; 43 of 76 county agencies is",
}


@pytest.mark.parametrize("pattern", list(SHIFTS))
def test_no_english_text_shifts_the_sources_meaning(pattern: str) -> None:
    found = [w for w, text in english_texts() if re.search(pattern, text)]
    assert found == [], SHIFTS[pattern]


def test_translations_of_the_named_things() -> None:
    centre = next(r for r in rows("agencies") if r["agency_id"] == "js-province")
    assert centre["name_en"] == "Jiangsu Big Data Management Centre"
    model3 = next(r for r in rows("codes") if (r["domain"], r["code"]) == ("push_model", "3"))
    assert model3["label_zh"].endswith("正厅级事业单位")
    assert model3["label_en"] == "Model 3: full-department-level public institution"
    for r in rows("provinces"):
        if r["push_model"] == "3":
            assert "分管省领导" in r["push_model_note_zh"]
            assert "the provincial leader in charge" in r["push_model_note_en"]
    rec3 = next(r for r in rows("recommendations") if r["rec_id"] == "rec-3")
    assert rec3["title_zh"] == "加强理论创新研究"
    assert rec3["title_en"] == "Strengthen research on theoretical innovation"
    assert "analyses the gap" in catalogue("en")["story.s1_lead"]


def test_the_county_hosts_are_five_kinds_of_body_and_one_independent_agency() -> None:
    """¶5: 43 / 11 / 8 / 7 / 6 at five kinds of host, and 1 independent agency."""
    (row,) = [
        r
        for r in rows("statements")
        if (r["adcode"], r["dimension"]) == ("320000", "organisational_structure")
    ]
    assert "6 类" not in row["statement_zh"] and "six kinds" not in row["statement_en"]
    assert "5 类部门" in row["statement_zh"] and "1 个为独立机构" in row["statement_zh"]
    assert "five kinds of body" in row["statement_en"]
    assert "an independent agency" in row["statement_en"]
    assert "1個為獨立機構" in row["excerpt"]  # the words the count rests on


def test_the_citation_describes_the_article_and_invents_no_title() -> None:
    for r in rows("sources"):
        n = r["paragraph"]
        assert (
            r["citation"]
            == f"付勍、卢冬冬的文章（原题未载），关于江苏数字政府建设差距的分析，第{n}段"
        )
        assert r["citation_en"].startswith("Article by Fu Qing and Lu Dongdong")
        assert "original title not given" in r["citation_en"]
        assert r["citation_en"].endswith(f"paragraph {n}")
        assert "差距分析(" not in r["citation"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_dictionary_shows_the_citation_in_the_readers_language(lang: str) -> None:
    at = run_page("dictionary", lang)
    assert not at.exception
    captions = [c.value for c in at.caption]
    if lang == "zh":
        assert "付勍、卢冬冬的文章（原题未载），关于江苏数字政府建设差距的分析，第5段" in captions
    else:
        assert any(c.startswith("Article by Fu Qing and Lu Dongdong") for c in captions)
        assert not any("原题未载" in c for c in captions)
