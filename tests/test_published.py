"""Published data: every visitor sees the published snapshot whatever was imported since;
a draft opens only by its link, marked as a draft with its own as-of line; publishing is
an admin's act, recorded; the data folder is never written at run time."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from app import roster
from app.core.roles import Actor, Role
from app.data import snapshots
from tests.conftest import plain, run_page
from tests.test_roster import FIXTURE

EDITOR = Actor("oidc:ed@example.org", "Ed Itor", Role.EDITOR)
ADMIN = Actor("oidc:ada@example.org", "Ada", Role.ADMIN)


def imported(paths, name: str = "名册（测试数据）.csv") -> snapshots.Snapshot:
    result = roster.import_roster(paths, FIXTURE.read_bytes(), name, "", EDITOR)
    assert result.snapshot is not None
    return result.snapshot


def sidebar_text(at) -> str:
    return " ".join(plain(c.value) for c in at.sidebar.caption)


def badges(at) -> list[str]:
    """st.badge texts in the sidebar (AppTest sees a badge as Markdown :color-badge[...])."""
    found = (re.search(r"-badge\[(?::[\w/]+: )?(.*)\]", m.value) for m in at.sidebar.markdown)
    return [m.group(1) for m in found if m]


def picker(at):
    return at.sidebar.selectbox(key="snapshot")


def test_a_fresh_visitor_sees_the_published_data_not_a_new_import(data_copy) -> None:
    snap = imported(data_copy)
    at = run_page("structure", "en")
    assert picker(at).value == "seed"
    assert "imported roster" not in sidebar_text(at)
    assert not badges(at)
    assert "snapshot" not in at.query_params
    # the draft is not offered to someone who did not ask for it
    assert snap.snapshot_id not in picker(at).options and len(picker(at).options) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_draft_opens_by_its_link_marked_as_a_draft(data_copy, lang: str) -> None:
    snap = imported(data_copy)
    at = run_page("structure", lang, snapshot=snap.snapshot_id)
    assert picker(at).value == snap.snapshot_id
    assert badges(at) == [{"zh": "草稿：尚未发布", "en": "Draft: not published"}[lang]]
    caption = sidebar_text(at)
    assert "名册（测试数据）.csv" in caption and "Ed Itor" in caption
    assert {"zh": "草稿", "en": "Draft"}[lang] in caption
    page_notice = " ".join(plain(i.value) for i in at.info)
    assert "名册（测试数据）.csv" in page_notice  # the page's own as-of line says it too
    assert "import-" not in caption  # a name for readers, never the id


def test_publishing_changes_what_everyone_sees_and_withdrawing_undoes_it(data_copy) -> None:
    snap = imported(data_copy)
    snapshots.publish(snap.snapshot_id, ADMIN)
    at = run_page("overview", "en")
    assert picker(at).value == snap.snapshot_id
    assert not badges(at)
    text = sidebar_text(at)
    assert "Figures from an imported roster" in text and "Ed Itor" in text
    assert "published" in picker(at).format_func(snap.snapshot_id)
    snapshots.withdraw(ADMIN)
    at = run_page("overview", "en")
    assert picker(at).value == "seed"


def test_an_admin_publishes_from_the_import_page_and_it_is_in_the_history(data_copy) -> None:
    snap = imported(data_copy)
    at = run_page("import", "en")  # AppTest acts as the local computer: its admin
    at.selectbox(key="imp_admin_pick").set_value(snap.snapshot_id).run()
    at.button(key="imp_publish").click().run()
    assert any("every reader now sees it" in s.value for s in at.success)
    assert snapshots.published_id() == snap.snapshot_id
    log = snapshots.history()
    assert list(log["action"]) == ["publish", "import"]
    assert log.iloc[0]["who"].startswith("local:")


def test_an_upload_opens_as_a_draft_for_its_importer_only(data_copy) -> None:
    at = run_page("import", "en")
    at.file_uploader(key="imp_file").upload("名册.csv", FIXTURE.read_bytes()).run()
    at.button(key="imp_submit").click().run()
    (snap,) = snapshots.list_snapshots()
    assert at.query_params["snapshot"] in (snap.snapshot_id, [snap.snapshot_id])
    assert picker(at).value == snap.snapshot_id and badges(at)
    assert snapshots.published_id() == "seed"
    assert picker(run_page("import", "en")).value == "seed"  # anyone else


def tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_the_data_folder_is_only_read_at_run_time(data_copy) -> None:
    before = tree(data_copy.root)
    snap = imported(data_copy)
    snapshots.publish(snap.snapshot_id, ADMIN)
    run_page("checklist", "en")
    run_page("import", "en")
    snapshots.withdraw(ADMIN)
    snapshots.delete(snap.snapshot_id, ADMIN)
    assert tree(data_copy.root) == before
