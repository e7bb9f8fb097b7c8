"""What a Chinese reader sees where the app used to show developer forms: a snapshot named
for a reader (its id stays in the URL), times in the reader's form, an empty filter said in
words rather than an English grid placeholder, quotations in simplified Chinese first."""

from __future__ import annotations

import pandas as pd
import pytest

from app.checklist import labels as checklist_labels
from app.checklist.model import ItemState
from app.core.chinese import quotation
from app.core.i18n import translator
from app.data.store import FILE_ENV
from app.scenarios import wording
from app.ui.locale import reader_time
from tests.conftest import run_page

STAMP = "2026-11-27T08:55:39+00:00"
ISO = r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d"


@pytest.mark.parametrize(
    ("lang", "name"), [("zh", "文章所述（种子数据）"), ("en", "The article's data (seed)")]
)
def test_the_seed_snapshot_is_named_for_a_reader_and_kept_by_id_in_the_url(
    lang: str, name: str
) -> None:
    at = run_page("gap", lang, snapshot="seed")
    picker = at.sidebar.selectbox(key="snapshot")
    published = translator(lang)("exports.published_name", name=name)  # nothing imported
    assert picker.value == "seed" and picker.options == [published]
    assert at.query_params["snapshot"] == "seed"


def test_saved_times_read_as_a_person_writes_them() -> None:
    zh = translator("zh")
    shanghai = reader_time("zh", "Asia/Shanghai")
    row = pd.Series({"version": 2, "saved_at": STAMP, "saved_by": "Ana"})
    assert wording.saved_meta(zh, row, shanghai) == "第 2 版，Ana 保存于 2026年11月27日 16:55"
    state = ItemState("rec-1", "done", "", None, "", 3, STAMP, None)
    meta = checklist_labels.stored_by(state, zh, shanghai)
    assert "2026年11月27日 16:55" in meta and "未知" in meta and "T08" not in meta


def test_a_filter_with_no_item_says_so_in_words(data_copy, monkeypatch) -> None:
    monkeypatch.delenv(FILE_ENV, raising=False)
    at = run_page("checklist", "zh", status="done")  # nothing is recorded as done yet
    assert not at.exception
    assert translator("zh")("checklist.none_shown") in [i.value for i in at.info]
    assert not [d for d in at.dataframe if d.key == "ck_table"]


def test_a_quotation_is_simplified_chinese_first_with_the_original_one_click_away() -> None:
    at = run_page("story", "zh", slide="2")
    assert not at.exception
    texts = [x.value for x in at.text]
    originals = [e for e in at.expander if e.label == translator("zh")("app.original")]
    assert originals and any("省大数据管理中心（副厅级事业单位）" in x for x in texts)
    shown = [x for x in texts if "數據" in x]  # traditional text only inside "原文（繁体）"
    assert shown and all(x.strip("「」") != quotation(x.strip("「」"), "zh") for x in shown)
    assert all(any(x == o.text[0].value for o in originals) for x in shown)
