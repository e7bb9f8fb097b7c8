"""The /import page and the snapshot picker (AppTest)."""

from __future__ import annotations

import getpass

import pytest

from app import roster
from app.core.i18n import translator
from app.data import snapshots
from tests.actors import EDITOR, LOCAL
from tests.conftest import plain, run_page
from tests.test_roster import bad_cases, fixture_bytes, state


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_import_page_with_only_the_seed(lang: str, data_copy) -> None:
    at = run_page("import", lang)
    assert not at.exception
    assert at.title[0].value == ("导入名册" if lang == "zh" else "Import a roster")
    assert "2 MB" in at.caption[0].value or any("2 MB" in c.value for c in at.caption)
    snapshots = at.dataframe[0].value
    assert snapshots["snapshot"].tolist() == ["seed"]
    assert snapshots["rows"].tolist() == [90]
    assert len(at.info) == 1  # nothing to compare yet
    assert at.selectbox(key="snapshot").value == "seed"
    assert len(at.selectbox(key="snapshot").options) == 1  # the article's data, named for a reader


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_import_page_shows_changes_after_an_import(lang: str, data_copy) -> None:
    snap = roster.import_roster(data_copy, fixture_bytes(), "roster.csv", "", EDITOR).snapshot
    at = run_page("import", lang)
    assert not at.exception
    t = translator(lang)
    listed = at.dataframe[0].value
    assert listed["snapshot"].tolist() == ["seed", snap.snapshot_id]
    assert listed["status"].tolist() == [t("importer.status_published"), t("importer.status_draft")]
    assert listed["created_by"].tolist() == ["", "Ed"]
    assert at.selectbox(key="snapshot").value == "seed"  # a draft is not what pages show
    assert (at.selectbox(key="from").value, at.selectbox(key="to").value) == (
        "seed",
        snap.snapshot_id,
    )
    assert [m.value for m in at.metric] == ["76", "76", "1", "0"]
    changes = next(d.value for d in at.dataframe if "change" in d.value.columns)
    assert changes["change"].value_counts().to_dict() == {"added": 76, "removed": 76, "rehosted": 1}


def test_snapshot_in_the_url_is_used_and_a_bad_one_falls_back(data_copy) -> None:
    snap = roster.import_roster(data_copy, fixture_bytes(), "roster.csv", "", LOCAL).snapshot
    at = run_page("dictionary", "en", snapshot="seed")
    assert at.selectbox(key="snapshot").value == "seed"
    assert not at.error  # the seed's figures all match
    draft = run_page("dictionary", "en", snapshot=snap.snapshot_id)  # a draft, by its link
    assert not draft.exception
    assert draft.selectbox(key="snapshot").value == snap.snapshot_id
    at = run_page("dictionary", "en", snapshot="../../etc/passwd")
    assert not at.exception
    assert at.selectbox(key="snapshot").value == "seed"  # the published data
    assert any("does not exist" in x.value for x in at.toast)
    snapshots.publish(snap.snapshot_id, LOCAL)
    at = run_page("dictionary", "en", snapshot="../../etc/passwd")
    assert at.selectbox(key="snapshot").value == snap.snapshot_id  # now the published one


def test_uploading_a_bad_file_reports_rows_and_writes_nothing(data_copy) -> None:
    before = state(data_copy)
    at = run_page("import", "en")
    at.file_uploader(key="imp_file").upload("bad.csv", bad_cases()["bad host code"][0])
    at.button(key="imp_submit").click().run()
    assert not at.exception
    assert plain(at.error[0].value).startswith("bad.csv was not imported: 1 problem(s)")
    report = at.dataframe[0].value
    assert report.iloc[0].tolist()[:2] == [5, "host"]
    assert "“gov_office” is not an allowed code" in report.iloc[0, 2]
    # the picked problem in full under the table (a cell cuts a long message)
    assert report.iloc[0, 2] in [x.value for x in at.text]
    labels = [b.label for b in at.get("download_button")]
    assert {"CSV", "Excel", "Parquet", "JSON"} <= set(labels)
    assert state(data_copy) == before  # nothing in the data folder
    assert roster.snapshot_ids() == ["seed"] and snapshots.history().empty  # nor in the store


def test_uploading_the_fixture_makes_a_draft_seen_only_through_its_link(data_copy) -> None:
    at = run_page("import", "zh")
    at.file_uploader(key="imp_file").upload("名册.csv", fixture_bytes())
    at.text_input(key="imp_note").input("测试")
    at.button(key="imp_submit").click().run()
    assert not at.exception
    (snap,) = roster.list_snapshots()
    assert snap.file_name == "名册.csv" and snap.note == "测试"
    assert snap.created_by == "local:" + getpass.getuser()  # whoever sits at this computer
    assert plain(at.success[0].value) == translator("zh")(
        "importer.done", rows=90, file="名册.csv", id=snap.snapshot_id
    )
    # the importer is looking at the draft (its link), marked as one
    assert at.query_params["snapshot"] in ([snap.snapshot_id], snap.snapshot_id)
    assert at.selectbox(key="snapshot").value == snap.snapshot_id
    assert any(c.value.startswith("草稿") for c in at.sidebar.caption)
    assert [m.value for m in at.metric] == ["76", "76", "1", "0"]
    # everyone else still sees the published data: the seed
    assert snapshots.published_id() == "seed"
    fresh = run_page("import", "zh")
    assert fresh.selectbox(key="snapshot").value == "seed"
