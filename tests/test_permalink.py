"""Permalinks under AppTest: every page's copy-link URL reopens the same view, and bad or
stale URL parameters fall back to the defaults with a notice, never an exception."""

from __future__ import annotations

import pandas as pd
import pytest

from app import roster
from app.checklist import model as checklist_model
from app.checklist import store as checklist_store
from app.core import compare, md, permalink
from app.core.config import ROOT, DataPaths, data_paths
from app.core.i18n import translator
from app.data import db, snapshots
from app.data.store import FILE_ENV
from app.scenarios import model as scenario_model
from app.scenarios import results as scenario_results
from app.scenarios import store as scenario_store
from tests.actors import LOCAL
from tests.conftest import plain, run_page

LINE = "government_services_office"
FIXTURE = ROOT / "tests" / "fixtures" / "roster_named_counties.csv"
PAGES = (
    "",
    "structure",
    "models",
    "compare",
    "gap",
    "scenarios",
    "checklist",
    "workbench",
    "dictionary",
    "import",
    "story",
)


@pytest.fixture
def private_data(data_copy: DataPaths, monkeypatch: pytest.MonkeyPatch) -> DataPaths:
    """A data copy whose state file (checklist, scenarios) is its own."""
    monkeypatch.delenv(FILE_ENV, raising=False)
    return data_copy


@pytest.fixture
def imported(private_data: DataPaths) -> str:
    """The named-county roster, with its first county moved onto the province's line
    (government_services_office), imported into the data copy; returns the snapshot id."""
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    first = frame.index[(frame["level"] == "county") & (frame["host"] != LINE)][0]
    frame.loc[first, "host"] = LINE
    data = frame.to_csv(index=False).encode("utf-8")
    result = roster.import_roster(private_data, data, FIXTURE.name, "t", LOCAL)
    assert result.snapshot is not None
    return result.snapshot.snapshot_id


# --- helpers ---------------------------------------------------------------------------


def link(at) -> str:
    """The text of the copy-link affordance."""
    links = [c.value for c in at.code if "lang=" in c.value]
    assert len(links) == 1, [c.value for c in at.code]
    return links[0]


def reopen(url: str):
    """A fresh session (a new browser) opening the link."""
    path, params = permalink.parse(url)
    lang = params.pop("lang")[0]
    flat = {k: v[0] if len(v) == 1 else v for k, v in params.items()}
    return run_page(path, lang, **flat)


def widget_values(at) -> dict[str, object]:
    values: dict[str, object] = {}
    for kind in (
        "selectbox",
        "multiselect",
        "checkbox",
        "toggle",
        "text_input",
        "text_area",
        "number_input",
    ):
        for w in getattr(at, kind):
            if w.key and not str(w.key).startswith("$$"):
                values[f"{kind}:{w.key}"] = w.value
    return values


def view_state(at) -> dict[str, object]:
    """What the page shows: headings, metrics, widget values, table sizes, messages."""
    return {
        "title": [x.value for x in at.title],
        "subheader": [x.value for x in at.subheader],
        "metric": [(m.label, m.value) for m in at.metric],
        "widgets": widget_values(at),
        "tables": [tuple(d.value.shape) for d in at.dataframe],
        "warning": [w.value for w in at.warning],
        "error": [e.value for e in at.error],
    }


def round_trip(at, path: str) -> dict[str, list[str]]:
    """The page's link reopens the same view in a new session; returns the link's query."""
    assert not at.exception, at.exception
    url = link(at)
    got_path, params = permalink.parse(url)
    assert got_path == path
    again = reopen(url)
    assert not again.exception, again.exception
    assert view_state(again) == view_state(at)
    assert link(again) == url  # and the reopened view offers the same link
    assert not again.toast
    return params


# --- pure functions --------------------------------------------------------------------


def test_url_orders_language_then_snapshot_then_names_and_repeats_lists() -> None:
    url = permalink.url(
        "http://h:1/structure",
        {"host_x": "true", "snapshot": "seed", "lang": "en", "owner": ["b", "a c"]},
    )
    assert url == "http://h:1/structure?lang=en&snapshot=seed&host_x=true&owner=b&owner=a+c"
    assert permalink.parse(url) == (
        "structure",
        {"lang": ["en"], "snapshot": ["seed"], "host_x": ["true"], "owner": ["b", "a c"]},
    )
    assert permalink.url("", {}) == "/"
    assert permalink.url("http://h/gap?old=1#x", {"lang": "zh"}) == "http://h/gap?lang=zh"


def test_with_defaults_keeps_what_the_url_says() -> None:
    got = permalink.with_defaults({"snapshot": "s1"}, {"lang": "zh", "snapshot": "seed"})
    assert got == {"lang": "zh", "snapshot": "s1"}


def test_checks() -> None:
    assert permalink.unknown(["a", "x", "b"], {"a", "b"}) == ["x"]
    assert [permalink.bad_bool(v) for v in ("true", "False", "maybe", "")] == [
        False,
        False,
        True,
        True,
    ]
    assert permalink.bad_number("12", "int") is False
    assert permalink.bad_number("1.5", "int") is True
    assert permalink.bad_number("1.5", "float") is False
    assert permalink.bad_number("nan", "float") is True
    assert permalink.bad_number("abc", "float") is True
    bad = permalink.bad_facets(
        {"host_foo": "true", "host_ok": "maybe", "level_city": "true", "by_nature": "x"},
        ("level", "host"),
        {"host_ok", "level_city"},
    )
    assert bad == ["host_foo", "host_ok"]


# --- every page: the link is there and reopens the page as it is -----------------------


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_offers_its_link(path: str, lang: str) -> None:
    at = run_page(path, lang)
    params = round_trip(at, path)
    assert params["lang"] == [lang]
    assert params["snapshot"] == ["seed"]  # always named, so a later import changes nothing
    assert at.sidebar.selectbox(key="snapshot").value == "seed"
    # the copy-link popover heads the sidebar (in the slot the entry script keeps for it)
    first = next(iter(at.sidebar.children.values()))
    popovers = [b for b in first.children.values() if getattr(b, "type", "") == "popover"]
    assert [b.proto.popover.label for b in popovers] == [translator(lang)("permalink.copy")]
    assert [c.value for c in popovers[0].code] == [link(at)]


# --- changed views round-trip ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_structure_filters_and_colouring(lang: str) -> None:
    at = run_page("structure", lang)
    total = at.metric[0].value
    at.checkbox(key="level_county").check()
    at.checkbox(key="host_government_general_office").check().run()
    at.toggle(key="by_nature").set_value(True).run()
    assert at.metric[0].value == "43" != total
    params = round_trip(at, "structure")
    assert params["level_county"] == ["true"]
    assert params["host_government_general_office"] == ["true"]
    assert params["by_nature"] == ["true"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_peer(lang: str) -> None:
    at = run_page("compare", lang)
    first = at.selectbox(key="peer").value
    choices = compare.peers(db.view(db.connect(data_paths()), "v_province_models"))
    other = next(c for c in choices if c != first)
    at.selectbox(key="peer").set_value(other).run()
    assert at.selectbox(key="peer").value == other
    params = round_trip(at, "compare")
    assert params["peer"] == [at.selectbox(key="peer").format_func(other)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_checklist_status_owner_item(private_data: DataPaths, lang: str) -> None:
    rec = "rec-2.2"
    state = checklist_store.get_item(rec)
    checklist_store.save_item(
        rec,
        state.version,
        checklist_model.make_edit("in_progress", "Ana Lee", None, ""),
        LOCAL,
        "tester",
        known={rec},
    )
    at = run_page("checklist", lang)
    at.multiselect(key="ck_status").select("in_progress")
    at.multiselect(key="owner").select("Ana Lee")
    at.selectbox(key="ck_item").set_value(rec).run()
    params = round_trip(at, "checklist")
    assert params["status"] == ["in_progress"]
    assert params["owner"] == ["Ana Lee"]
    assert params["item"] == [rec]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scenario_opened_and_compared(private_data: DataPaths, lang: str) -> None:
    base = scenario_results.figures(db.connect(private_data))
    preset = scenario_model.under_centre_host("presenter-1", base.metrics, base.counts)
    scenario_store.save(preset, LOCAL, False)
    at = run_page("scenarios", lang)
    before = [m.value for m in at.metric]
    at.selectbox(key="scenario").set_value("presenter-1").run()
    at.multiselect(key="compare").select("presenter-1").run()
    assert [m.value for m in at.metric] != before
    params = round_trip(at, "scenarios")
    assert params["scenario"] == ["presenter-1"]
    assert params["compare"] == ["presenter-1"]


def test_workbench_query_and_parameter() -> None:
    sql = "-- param n: int 3\nSELECT * FROM v_county_host LIMIT $n"
    at = run_page("workbench", "en", sql=sql)
    at.number_input(key="p_n").set_value(2)
    at.button(key="wb_run_button").click().run()
    assert at.dataframe[0].value.shape[0] == 2
    params = round_trip(at, "workbench")
    assert params["sql"] == [sql]
    assert params["p_n"] == ["2"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_dictionary_object(lang: str) -> None:
    at = run_page("dictionary", lang)
    at.selectbox(key="object").set_value("v_county_host").run()
    assert at.subheader[0].value == "`v_county_host`"  # an SQL name, written as code
    assert round_trip(at, "dictionary")["object"] == ["v_county_host"]


def test_import_changes_between_snapshots(imported: str) -> None:
    at = run_page("import", "en")
    at.selectbox(key="from").set_value(imported)
    at.selectbox(key="to").set_value("seed").run()
    params = round_trip(at, "import")
    assert params["from"] == [imported] and params["to"] == ["seed"]
    assert params["snapshot"] == ["seed"]  # the import is a draft: the pages show the seed


# --- one snapshot for every page -------------------------------------------------------


def test_pages_show_the_chosen_snapshot(imported: str) -> None:
    """The imported roster moves one county onto the province's line: alignment 1/76. A
    draft is shown only through its link; the pages' default is the published snapshot."""
    pages = {}
    for path in ("", "structure", "gap"):
        draft, seed = run_page(path, "en", snapshot=imported), run_page(path, "en")
        assert not draft.exception and not seed.exception
        assert draft.sidebar.selectbox(key="snapshot").value == imported
        assert seed.sidebar.selectbox(key="snapshot").value == "seed"  # published: the seed
        assert permalink.parse(link(draft))[1]["snapshot"] == [imported]
        assert permalink.parse(link(seed))[1]["snapshot"] == ["seed"]
        pages[path] = draft, seed

    draft, seed = pages["gap"]
    assert [m.value for m in seed.metric][-1] == "0%"  # county alignment 0/76
    assert [m.value for m in draft.metric][-1] == "1%"  # 1/76
    assert "1/76" in draft.metric[-1].help  # the exact fraction, in the tooltip

    draft, seed = pages["structure"]
    assert len(draft.dataframe[-1].value) == 90  # the roster's rows
    assert len(seed.dataframe[-1].value) == len(db.view(db.connect(data_paths()), "v_agencies"))
    named = draft.dataframe[-1].value.astype(str)
    assert named.apply(lambda col: col.str.contains("玄武区|Xuanwu")).any().any()
    assert (
        not seed.dataframe[-1]
        .value.astype(str)
        .apply(lambda col: col.str.contains("玄武区|Xuanwu"))
        .any()
        .any()
    )

    draft, seed = pages[""]
    markdown_draft = " ".join(m.value for m in draft.markdown)
    markdown_seed = " ".join(m.value for m in seed.markdown)
    assert "import:roster_named_counties" in plain(markdown_draft)
    assert "import:" not in markdown_seed
    assert draft.error and not seed.error  # computed county figures differ from the article

    snapshots.publish(imported, LOCAL)  # now every page shows it by default
    published = run_page("gap", "en")
    assert published.sidebar.selectbox(key="snapshot").value == imported
    assert [m.value for m in published.metric][-1] == "1%"
    assert permalink.parse(link(published))[1]["snapshot"] == [imported]


# --- bad or stale parameters ------------------------------------------------------------


def said(key: str, **values: str) -> str:
    """A notice as the page shows it (URL values escaped for Markdown)."""
    return translator("en")(key, **md.escape_values(values))


def toasts(at) -> list[str]:
    return [x.value for x in at.toast]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_language_falls_back_with_a_notice(lang: str) -> None:
    at = run_page("gap", "fr")
    assert not at.exception
    assert at.title[0].value == translator("zh")("gap.title")
    assert len(toasts(at)) == 1 and "fr" in toasts(at)[0]
    assert permalink.parse(link(at))[1]["lang"] == ["zh"]


@pytest.mark.parametrize("path", ["", "structure", "gap", "workbench"])
def test_unknown_snapshot_falls_back_with_a_notice(path: str) -> None:
    at = run_page(path, "en", snapshot="nope")
    assert not at.exception
    if not path:  # run_page reaches another page on a second run; the browser test sees it
        assert toasts(at) == [said("permalink.bad_snapshot", value="nope")]
    assert at.sidebar.selectbox(key="snapshot").value == "seed"
    assert permalink.parse(link(at))[1]["snapshot"] == ["seed"]
    at.run()  # the notice is said once
    assert not toasts(at)


def test_a_snapshot_deleted_during_the_session_falls_back(imported: str) -> None:
    at = run_page("gap", "en", snapshot=imported)
    assert at.sidebar.selectbox(key="snapshot").value == imported
    snapshots.delete(imported, LOCAL)  # by an admin elsewhere
    at.run()
    assert not at.exception
    assert toasts(at) == [said("permalink.snapshot_gone", value=imported)]
    assert at.sidebar.selectbox(key="snapshot").value == "seed"
    assert [m.value for m in at.metric][-1] == "0%"


def test_unknown_and_bad_facets_fall_back(lang: str = "en") -> None:
    total = run_page("structure", lang).metric[0].value
    at = run_page(
        "structure",
        lang,
        host_foo="true",
        host_government_general_office="maybe",
        city_999999="true",
        by_nature="perhaps",
        level_county="true",
    )
    assert not at.exception
    assert sorted(toasts(at)) == sorted(
        [
            said("permalink.bad_value", param="host_foo", value="true"),
            said("permalink.bad_value", param="city_999999", value="true"),
            said("permalink.bad_value", param="host_government_general_office", value="maybe"),
            said("permalink.bad_value", param="by_nature", value="perhaps"),
        ]
    )
    assert at.checkbox(key="level_county").value is True
    assert at.checkbox(key="host_government_general_office").value is False
    assert at.toggle(key="by_nature").value is False
    assert at.metric[0].value != total  # the good filter still applies
    params = permalink.parse(link(at))[1]
    assert "host_foo" not in params and "city_999999" not in params and "by_nature" not in params
    assert params["level_county"] == ["true"]


@pytest.mark.parametrize(
    ("path", "param", "key", "value"),
    [
        ("compare", "peer", "peer", "Atlantis"),
        ("dictionary", "object", "object", "v_nope"),
        ("scenarios", "scenario", "scenario", "nope"),
        ("scenarios", "compare", "compare", "nope"),
        ("checklist", "owner", "owner", "Nobody"),
    ],
)
def test_unknown_choice_falls_back_with_a_notice(
    private_data: DataPaths, path: str, param: str, key: str, value: str
) -> None:
    default = run_page(path, "en")
    at = run_page(path, "en", **{param: value})
    assert not at.exception
    assert toasts(at) == [said("permalink.bad_value", param=param, value=value)]
    widget = (
        at.selectbox(key=key)
        if param in ("peer", "object", "scenario")
        else at.multiselect(key=key)
    )
    same = (
        default.selectbox(key=key)
        if param in ("peer", "object", "scenario")
        else default.multiselect(key=key)
    )
    assert widget.value == same.value
    assert param not in permalink.parse(link(at))[1]


def test_bad_checklist_item_and_status_give_messages(private_data: DataPaths) -> None:
    at = run_page("checklist", "en", item="rec-99", status="done,bogus")
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any(md.escape("rec-99") in w for w in warnings)
    assert any("bogus" in w for w in warnings)
    assert at.selectbox(key="ck_item").value is None


def test_bad_import_pair_falls_back(imported: str) -> None:
    at = run_page("import", "en", **{"from": "gone", "to": imported})
    assert not at.exception
    assert toasts(at) == [said("permalink.bad_value", param="from", value="gone")]
    assert at.selectbox(key="from").value == "seed"
    assert at.selectbox(key="to").value == imported


def test_bad_workbench_number_falls_back() -> None:
    sql = "-- param n: int 3\nSELECT * FROM v_county_host LIMIT $n"
    at = run_page("workbench", "en", sql=sql, p_n="lots")
    assert not at.exception
    assert toasts(at) == [said("permalink.bad_value", param="p_n", value="lots")]
    assert at.number_input(key="p_n").value == 3


# --- story (issue 6, its own engineer): the slide is in the link; a bad slide falls back --


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_story_slide_reopens(lang: str) -> None:
    at = run_page("story", lang, slide="3")
    params = round_trip(at, "story")
    assert params["slide"] == ["3"]
    at.button(key="story_next").click().run()
    params = round_trip(at, "story")
    assert params["slide"] == ["4"]


def test_story_slide_99_falls_back_to_the_first_with_a_message() -> None:
    at = run_page("story", "en", slide="99")
    assert not at.exception
    assert any("99" in w.value for w in at.warning)
    assert permalink.parse(link(at))[1]["slide"] == ["1"]
    assert link(at) == link(run_page("story", "en", slide="1"))
