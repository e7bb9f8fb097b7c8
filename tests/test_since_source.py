"""What changed since the source: the since_source table (public reports after the article,
source/AFTER.md), its build rules, its place apart from the article's figures, and the
section that shows it on the overview, /models and the story."""

from __future__ import annotations

import csv
import json
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from app.core import md, since
from app.core.config import ROOT, VIEWS_DIR, DataPaths, data_paths
from app.core.i18n import translator
from app.data import db
from app.data.build import BuildError, build
from app.story import briefing, form
from tests.conftest import plain, run_page
from tests.test_cli import run

# AFTER.md, row by row: when, and every public address it gives for that row.
AFTER = {
    "2023-03": {
        "en.people.cn/n3/2023/0307/c90000-10218323.html",
        "sjgzxh.com/page103?article_id=57",
    },
    "2023-10-25": {"sjgzxh.com/page103?article_id=57", "qhj.3a0598.com/Info.aspx?Id=70354"},
    "2024-01": {
        "zozya.com/art/2025/7/2/art_81501_11593147.html",
        "csjcs.com/news/show/7993dfcbe0da1d7d.html",
    },
    "2024-04": {"cinic.org.cn/xw/kx/1531200.html"},
    "by 2025": {
        "zozya.com/art/2025/7/2/art_81501_11593147.html",
        "wxbh.gov.cn/doc/2026/01/13/4716381.shtml",
        "lyg01.net/news/lygxw/2025/1209/381616.shtml",
        "yancheng.gov.cn/art/2025/5/19/art_33925_4323585.html",
    },
}
# What AFTER.md found in no public report: shown as unknown, never guessed.
UNKNOWN_EN = ("Which six provincial-level units", "When these city bureaus", "county level")
UNKNOWN_ZH = ("哪六个省级单位", "设立时间和机构类型", "县级")


@pytest.fixture(scope="module")
def rows():
    return db.view(db.connect(data_paths()), "v_since_source")


def test_rows_are_afters_rows_with_their_addresses_in_date_order(rows) -> None:
    assert list(rows["happened"]) == list(AFTER)  # oldest first; "by 2025" last
    for r in rows.itertuples():
        assert set(r.source_url.split(";")) == AFTER[r.happened], r.item_id
    assert set(rows["confidence"]) == {"reported"}
    assert rows["item_id"].is_unique
    # the figures the reports give, kept as the reports give them
    national = rows.set_index("happened").loc["2024-04"]
    assert "26" in national["what_en"] and "6 as a second name" in national["what_en"]
    assert "26个单独设立" in national["what_zh"] and "6个" in national["what_zh"]


def test_what_no_report_says_is_listed_as_unknown(rows) -> None:
    en = " ".join(rows["not_reported_en"].dropna())
    zh = " ".join(rows["not_reported_zh"].dropna())
    assert all(u in en for u in UNKNOWN_EN) and all(u in zh for u in UNKNOWN_ZH)


def test_no_view_checked_against_the_article_reads_since_source() -> None:
    readers = []
    for path in sorted(VIEWS_DIR.glob("*.sql")):
        body = "\n".join(
            ln for ln in path.read_text("utf-8").splitlines() if not ln.lstrip().startswith("--")
        )
        if re.search(r"\bsince_source\b", body):
            readers.append(path.name)
    assert readers == ["90_v_since_source.sql"]  # it only orders the table for display


def test_the_table_is_queryable_from_the_command_line() -> None:
    result = run("query", "select * from since_source", "--format", "json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    records = out if isinstance(out, list) else out.get("rows", out)
    assert {r["happened"] for r in records} == set(AFTER)
    assert {r["confidence"] for r in records} == {"reported"}


# --- build integrity ------------------------------------------------------------------------


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    p = DataPaths(tmp_path / "data")
    shutil.copytree(ROOT / "data" / "sources", p.sources)
    return p


def edit(paths: DataPaths, row: int, column: str, value: str) -> None:
    path = paths.sources / "since_source.csv"
    table = list(csv.DictReader(path.open(encoding="utf-8")))
    table[row][column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("confidence", "stated", "bad_code"),  # the article never states these
        ("confidence", "", "bad_code"),
        ("what_en", "", "required"),
        ("what_zh", " ", "required"),
        ("source_url", "", "required"),
        ("source_url", "javascript:alert(1)", "bad_url"),
        ("source_url", "[x](http://evil.cn)", "bad_url"),
        ("source_url", "cinic.org.cn/a b", "bad_url"),
        ("source_url", "cinic.org.cn/x;;a.cn", "bad_url"),
        ("source_url", "http://user@cinic.org.cn/x", "bad_url"),
        ("source_url", "ftp://cinic.org.cn/x", "bad_url"),
        ("source_url", "localhost/x", "bad_url"),
        ("happened", "March 2023", "bad_happened"),
        ("happened", "2023-13", "bad_happened"),
        ("happened", "", "required"),
    ],
)
def test_a_bad_row_stops_the_build(paths: DataPaths, column: str, value: str, code: str) -> None:
    edit(paths, 1, column, value)
    with pytest.raises(BuildError) as err:
        build(paths)
    (problem,) = err.value.problems
    assert (problem.file, problem.line, problem.column, problem.code) == (
        "since_source.csv",
        3,
        column,
        code,
    )
    assert problem.message(translator("zh")) != f"build.{code}"


def test_addresses_with_or_without_a_scheme_build(paths: DataPaths) -> None:
    edit(paths, 0, "source_url", "https://en.people.cn/n3/x.html;sjgzxh.com/page103?article_id=57")
    edit(paths, 1, "happened", "2023")
    assert build(paths)["since_source"] == len(AFTER)


def test_a_repeated_item_id_stops_the_build(paths: DataPaths) -> None:
    edit(paths, 1, "item_id", "nda-announced")
    with pytest.raises(BuildError) as err:
        build(paths)
    assert [p.code for p in err.value.problems] == ["duplicate_key"]


# --- shown on the overview, /models and the story ------------------------------------------


def section_text(at) -> str:
    return plain(" ".join(e.value for e in [*at.markdown, *at.caption, *at.text, *at.subheader]))


@pytest.mark.parametrize("page", ["overview", "models"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pages_show_each_change_with_its_date_and_addresses_as_text(
    page: str, lang: str, rows
) -> None:
    t = translator(lang)
    at = run_page(page, lang)
    assert not at.exception
    assert t("since.title") in [s.value for s in at.subheader]
    text = section_text(at)
    assert t("since.reported_elsewhere") in text
    for r in rows.itertuples():
        assert since.happened_label(r.happened, t) in text
        assert (r.what_zh if lang == "zh" else r.what_en) in text
    addresses = [a for e in at.text for a in e.value.splitlines()]  # st.text: never a link
    assert set(addresses) >= set().union(*AFTER.values())
    for unknown in UNKNOWN_ZH if lang == "zh" else UNKNOWN_EN:
        assert unknown in text
    assert ("截至 2025 年" if lang == "zh" else "by 2025") in text


def test_data_text_in_the_section_is_escaped(data_copy) -> None:
    hostile = "[x](http://evil.cn/a) **b** <img src=x> :material/home: www.evil.cn"
    edit(data_copy, 0, "what_en", hostile)
    build(data_copy)
    at = run_page("overview", "en")
    assert not at.exception
    shown = [m.value for m in at.markdown if "evil" in m.value]
    assert shown and all(plain(m).endswith(hostile) for m in shown)
    assert all(md.escape(hostile) in m for m in shown)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_models_slide_and_the_briefing_carry_the_section(data_copy, lang: str) -> None:
    t = translator(lang)
    slide = form.slide(4, lang, t)
    assert slide.key == "national"
    assert [i.happened for i in slide.since] == [since.happened_label(h, t) for h in AFTER]
    assert [set(i.addresses) for i in slide.since] == list(AFTER.values())
    html = briefing.slide_html(slide, t, lang)
    assert t("since.title") in html and "qhj.3a0598.com/Info.aspx?Id=70354" in html
    assert "<a " not in html.split(t("since.title"))[1]  # addresses are text, not links
    doc = briefing.render([slide], lang, t, datetime(2026, 1, 1))
    assert doc.count('<div class="since">') == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_story_page_shows_the_section_on_slide_4(data_copy, lang: str) -> None:
    t = translator(lang)
    at = run_page("story", lang, slide="4")
    assert not at.exception
    assert t("since.title") in [s.value for s in at.subheader]
    assert "cinic.org.cn/xw/kx/1531200.html" in [a for e in at.text for a in e.value.splitlines()]
    at1 = run_page("story", lang, slide="1")
    assert t("since.title") not in [s.value for s in at1.subheader]
