"""The Chinese UI shows no English sentence from the paths that used to leak one: refused
queries, import and build problems (pydantic's own text included), the data dictionary's
descriptions, category labels and the browser tab's title.

A message is rendered with translator("zh") and values that are codes or numbers (as a
file gives them); it may then hold codes, ids, numbers and file names, but no run of three
or more English words.
"""

from __future__ import annotations

import ast
import csv
import re
import string
from pathlib import Path

import pytest

from app.core.config import ROOT, VIEWS_DIR
from app.core.errors import Term, UserError
from app.core.i18n import catalogue, translator
from app.core.models import Agency, Province
from app.core.provenance import ReportedFigure, Source
from app.data import build, dictionary
from app.roster import problems_frame, validate
from app.roster.problems import PLACES, ImportProblem

zh = translator("zh")
# Three words in a row, spaced: lower-case or Capitalised words (ALL-CAPS tokens are SQL keywords
# or formats, snake_case tokens and comma-separated lists are codes).
ENGLISH = re.compile(r"(?<![\w.#/-])(?:[A-Za-z][a-z]+ +){2,}[A-Za-z][a-z]+(?![\w#/-])")
RAISED = re.compile(
    r"""(?:RefusedQuery|QueryTimeout|SqlProblem|whole_file|problem)\(\s*(?:[\w.]+,\s*"[^"]*",\s*)?"(\w+)\""""
)


def english(text: str) -> list[str]:
    return ENGLISH.findall(text)


def sample(key: str) -> dict[str, object]:
    """Code-like values for every field of a message (numbers where it formats numbers)."""
    values: dict[str, object] = {}
    for _, name, spec, _ in string.Formatter().parse(catalogue("zh")[key]):
        if name:
            values[name] = 1234 if spec else "x_1"
    return values


def keys(prefix: str) -> list[str]:
    return sorted(k for k in catalogue("zh") if k.startswith(prefix))


@pytest.mark.parametrize(
    "key", keys("sandbox.") + keys("importer.problem_") + keys("build.") + keys("importer.where_")
)
def test_every_refusal_message_is_chinese(key: str) -> None:
    text = UserError(key, **sample(key)).message(zh)
    assert text != key and not english(text), text


def test_every_refusal_the_code_raises_has_a_message() -> None:
    """Reasons named in the code (queries, roster reading, build rules) are in the catalogue."""
    found = set()
    for path in [*(ROOT / "app" / "data").glob("*.py"), *(ROOT / "app" / "roster").glob("*.py")]:
        found |= {(path.parent.name, m) for m in RAISED.findall(path.read_text("utf-8"))}
    strings = catalogue("zh")
    prefixes = {"sandbox.", "importer.problem_", "build."}
    missing = [(d, code) for d, code in found if not any(p + code in strings for p in prefixes)]
    assert found and not missing, missing
    assert all(
        f"build.{code}" in strings for code in build.cell_problems.__globals__["_BY_TYPE"].values()
    )


BAD_ROWS = [
    (Agency, {"agency_id": "a", "snapshot": "s", "level": "township", "division_adcode": "32010",
              "name_zh": "", "name_en": "x" * 300, "nature": "ngo", "host": "x",
              "confidence": "stated", "source_ref": "bad", "extra": "1"}),
    (Source, {"source_ref": "article#p1", "citation": "c", "paragraph": "11", "excerpt": "e",
              "excerpt_zh_hans": "e"}),
    (Source, {"source_ref": "article#p1", "citation": "c", "paragraph": "0", "excerpt": "e",
              "excerpt_zh_hans": "e"}),
    (Province, {"adcode": "320000", "three_level_structure": "maybe", "confidence": "stated",
                "source_ref": "article#p1"}),
    (ReportedFigure, {"figure_id": "a", "value": "1.5", "scope": "s",
                      "source_ref": "article#p1", "excerpt": "e"}),
]  # fmt: skip


@pytest.mark.parametrize("model,row", BAD_ROWS)
def test_pydantic_errors_become_catalogue_messages(model, row) -> None:
    _, problems = build.validate_rows(model, [(2, row)], "t.csv")
    assert problems
    for p in problems:
        assert p.code != "invalid", p  # each kind of error the models give has its message
        assert not english(p.message(zh)), p.message(zh)


def test_build_rules_name_levels_in_chinese() -> None:
    p = build.Problem("agencies.csv", 3, "division_adcode", "division_level",
                      adcode="320100", name="南京市", actual=Term("build.level_city"),
                      level=Term("build.level_county"))  # fmt: skip
    assert p.message(zh) == "320100（南京市）是市级单位，不是县级单位。"
    assert str(p).endswith("320100 (南京市) is a city-level unit, not a county-level unit.")


def test_the_import_report_is_chinese() -> None:
    header = "agency_id,level,division_adcode,name_zh,name_en,nature,host,rank\n"
    rows = "a,city,32010,,Nanjing agency,ngo,gov,\nb,township,320100,名,n,,independent,\n"
    _, problems = validate((header + rows).encode(), "r.csv", {}, "x")
    problems = [*problems, ImportProblem(0, "(file)", "importer.problem_empty_file")]
    report = problems_frame(problems, zh)
    assert list(report.columns) == ["行", "列", "问题"]
    for _, row in report.iterrows():
        assert not english(str(row["列"])) and not english(row["问题"]), row.tolist()
    assert set(PLACES) >= {"(file)", "(row)", "(header)", "(empty)"}
    assert "（整个文件）" in report["列"].tolist()


def test_table_and_view_descriptions_are_chinese() -> None:
    for name, (_, row_zh, _, columns_zh) in dictionary.descriptions().items():
        assert row_zh and not english(row_zh), (name, row_zh)
        for column, text in columns_zh.items():
            assert text and not english(text), (name, column, text)


def test_category_labels_come_from_codes_in_chinese() -> None:
    with (ROOT / "data" / "sources" / "codes.csv").open(encoding="utf-8") as f:
        codes = list(csv.DictReader(f))
    assert {(c["domain"], c["code"]) for c in codes} >= {("unknown", "nature")}
    for c in codes:
        assert re.search(r"[\u4e00-\u9fff]", c["label_zh"]) and not english(c["label_zh"]), c
    literal = re.compile(r"'([^']*)'")
    for path in sorted(VIEWS_DIR.glob("*.sql")):
        body = "\n".join(
            ln for ln in path.read_text("utf-8").splitlines() if not ln.startswith("--")
        )
        for text in literal.findall(body):  # labels are joined from codes, never typed here
            assert not re.search(r"[\u4e00-\u9fff]", text) and " " not in text, (path.name, text)


def test_the_tab_title_follows_the_language() -> None:
    assert not english(zh("app.title")) and zh("app.title") != translator("en")("app.title")
    tree = ast.parse(Path(ROOT / "streamlit_app.py").read_text("utf-8"))
    calls = [
        n for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "set_page_config"
    ]  # fmt: skip
    titles = [k.value for c in calls for k in c.keywords if k.arg == "page_title"]
    assert titles and not any(isinstance(v, ast.Constant) for v in titles)
