"""Story slides and the HTML briefing, without a browser: values come from the views."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from app.checklist import model as checklist_model
from app.checklist import store as checklist_store
from app.core import dates
from app.core.chinese import quotation
from app.core.i18n import translator
from app.core.models import Host
from app.core.roles import Actor, Role
from app.core.text import html_text
from app.data.store import FILE_ENV, open_store
from app.scenarios import model as scenarios
from app.scenarios import store
from app.scenarios.model import Move
from app.story import briefing, display, evidence, form, model, navigation, slides
from app.story.model import Slide, StoryData
from tests.actors import LOCAL

HOSTILE = '<script>alert("x")</script>'
ANA = Actor("oidc:ana@example.org", "Ana", Role.EDITOR)
BO = Actor("oidc:bo@example.org", "Bo", Role.EDITOR)


@pytest.fixture(autouse=True)
def _private_state(data_copy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FILE_ENV, raising=False)


def gather(lang: str) -> StoryData:
    return form.gather(slides.EVERY_INPUT, lang, translator(lang))


def every_slide(lang: str) -> tuple[StoryData, list[Slide]]:
    t = translator(lang)
    data = gather(lang)
    return data, slides.build_all(data, lang, t)


def facts(slide: Slide) -> dict[str, str]:
    return {f.label: f.value for f in slide.facts}


# --- URL parameters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, (1, False)),
        ("", (1, False)),
        ("1", (1, False)),
        ("3", (3, False)),
        (" 7 ", (7, False)),
        ("7", (7, False)),
        ("8", (1, True)),
        ("99", (1, True)),
        ("0", (1, True)),
        ("-2", (1, True)),
        ("2.5", (1, True)),
        ("abc", (1, True)),
        ("３", (1, True)),  # a full-width digit is not a slide number
    ],
)
def test_parse_slide(raw: str | None, expected: tuple[int, bool]) -> None:
    assert navigation.parse_slide(raw, slides.COUNT) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, (False, False)),
        ("1", (True, False)),
        ("true", (True, False)),
        ("0", (False, False)),
        ("off", (False, False)),
        ("maybe", (False, True)),
    ],
)
def test_parse_present(raw: str | None, expected: tuple[bool, bool]) -> None:
    assert navigation.parse_present(raw) == expected


def test_sentence_is_verbatim_and_empty_when_absent() -> None:
    text = "甲乙。丙上下對口丁。戊"
    assert evidence.sentence(text, "上下對口") == "丙上下對口丁。"
    assert evidence.sentence(text, "不在") == ""


# --- slides from the views ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seven_slides_in_order_with_the_source_figures(lang: str) -> None:
    t = translator(lang)
    data, built = every_slide(lang)
    assert [s.number for s in built] == list(range(1, 8))
    assert [s.key for s in built] == [s.key for s in slides.SLIDES]
    assert [s.title for s in built] == [t(f"story.s{i}_title") for i in range(1, 8)]
    # 1: headline counts from v_reported_vs_computed
    assert list(facts(built[0]).values()) == ["13", "95", "76", "28"]
    # 2: city map; province centre from v_agencies
    assert [c.key for c in built[1].charts] == ["city_map"] and built[1].charts[0].is_map
    assert facts(built[1])[t("overview.centre_host")] == (
        "政务办" if lang == "zh" else "Government services office"
    )
    # 3: county map and 95 / 76 / 19 from v_county_coverage
    assert list(facts(built[2]).values()) == ["95", "76", "19"]
    assert built[2].charts[0].key == "county_map"
    # 4: China map and the three push models + Jiangsu
    assert built[3].charts[0].key == "china_map" and len(built[3].points) == 4
    # 5: metrics of v_level_metrics (exact fractions beside them)
    five = [(f.value, f.note) for f in built[4].facts]
    assert five[0][0] == "100%" and "13/13" in five[0][1]
    assert five[5][0] == "0.37" and "2120/5776" in five[5][1]
    assert five[7][0] == "0%" and "0/76" in five[7][1]
    # 6: nothing recorded in the checklist: no counts, a notice; the three recommendations
    assert built[5].facts == () and built[5].notice == t("story.progress_none")
    assert len(built[5].points) == 3
    # 7: no saved scenario -> the labelled preset
    assert data.scenario.preset
    assert built[6].notice == t("story.preset_notice", name=t("scenarios.preset_model_name"))
    assert [f.value for f in built[6].facts][3] == "8% → 100%"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_slide_is_built_from_the_inputs_it_declares(lang: str) -> None:
    t = translator(lang)
    data, built = every_slide(lang)
    assert set(form.READERS) == model.INPUTS == slides.EVERY_INPUT
    for number, spec in enumerate(slides.SLIDES, start=1):
        alone = StoryData(**{name: getattr(data, name) for name in spec.needs})
        slide = slides.build(number, alone, lang, t)  # an undeclared input would be None
        assert replace(slide, charts=()) == replace(built[number - 1], charts=())
        assert [c.key for c in slide.charts] == [c.key for c in built[number - 1].charts]


def test_a_slide_declaring_an_unknown_input_is_refused() -> None:
    with pytest.raises(ValueError, match="nowhere"):
        slides.SlideSpec("x", slides.SLIDES[0].build, frozenset({"nowhere"}))


def test_lists_and_the_briefing_follow_the_catalogue() -> None:
    zh, en = every_slide("zh")[1], every_slide("en")[1]
    assert "、" in zh[3].points[0] and ", " in en[3].points[0] and "、" not in en[3].points[0]
    when = datetime(2026, 1, 1)
    assert '<html lang="zh-Hans">' in briefing.render(zh[:1], "zh", translator("zh"), when)
    assert '<html lang="en">' in briefing.render(en[:1], "en", translator("en"), when)


def test_every_excerpt_is_verbatim_source_text() -> None:
    data, built = every_slide("zh")
    paragraphs = dict(zip(data.sources["source_ref"], data.sources["excerpt"], strict=True))
    for slide in built:
        assert slide.excerpts, slide.key
        for ex in slide.excerpts:
            refs = ex.source_ref.split(";")
            for part in ex.text.split(" … "):
                assert any(part in paragraphs[r] for r in refs), (slide.key, part)


def test_slides_follow_the_data_not_copied_numbers() -> None:
    """Change the view frames: the slides change with them."""
    lang = "en"
    t = translator(lang)
    data = gather(lang)
    coverage = data.county_coverage.copy()
    coverage["n"] = [90, 5]
    metrics_frame = data.level_metrics.copy()
    metrics_frame.loc[metrics_frame["level"] == "county", ["with_agency", "aligned"]] = [90, 3]
    changed = replace(data, county_coverage=coverage, level_metrics=metrics_frame)
    three = slides.build(3, changed, lang, t)
    assert [f.value for f in three.facts] == ["95", "90", "5"]
    five = slides.build(5, changed, lang, t)
    assert [f.note for f in five.facts][4] == t("gap.fraction", fraction="90/95")
    assert [f.note for f in five.facts][7] == t("gap.fraction", fraction="3/76")


def test_checklist_progress_is_read_from_the_store() -> None:
    edit = checklist_model.make_edit("done", "Ana", None, "")
    checklist_store.save_item("rec-1", 0, edit, LOCAL, "Ana")  # a name typed at this computer
    blocked = checklist_model.make_edit("blocked", "", None, "")
    checklist_store.save_item("int-2", 0, blocked, LOCAL, "Ana")
    t = translator("en")
    _, built = every_slide("en")
    six = facts(built[5])
    assert six[t("checklist.progress")] == t("story.done_of", done=1, total=33)
    assert six[t("story.category_recommendation")] == t("story.done_of", done=1, total=12)
    assert built[5].points[0] == t(
        "story.rec_line_recorded",
        title="Set up a Jiangsu digital-government leading group",
        status=t("checklist.status_done"),
        who="Ana",
        at=dates.day(datetime.now(UTC), "en"),
    )
    bars = {trace.name: list(trace.x) for trace in built[5].charts[0].figure.data}
    assert bars[t("checklist.status_done")] == [1, 0, 0]
    assert bars[t("checklist.status_blocked")] == [0, 1, 0]


def slide_text(slide: Slide) -> str:
    parts = [slide.lead, slide.notice, *slide.points]
    return " ".join(parts + [f"{f.label} {f.value} {f.note}" for f in slide.facts])


@pytest.mark.parametrize(("lang", "not_started"), [("zh", "未开始"), ("en", "Not started")])
def test_nothing_recorded_reads_as_nothing_recorded_on_the_slide_and_briefing(
    lang: str, not_started: str
) -> None:
    """A default is not progress: no "not started", no "0 of 33 done", no internal ids."""
    t = translator(lang)
    six = form.slide(6, lang, t)
    text = slide_text(six)
    assert six.notice == t("story.progress_none")
    assert not_started not in text and "rec-" not in text
    assert six.facts == () and six.charts == ()
    assert all(p.endswith(t("checklist.status_not_recorded")) for p in six.points)
    html = briefing.slide_html(six, t, lang)
    assert html_text(t("story.progress_none")) in html and not_started not in html


def test_recorded_progress_says_who_and_when_without_a_raw_timestamp() -> None:
    checklist_store.save_item(
        "int-1", 0, checklist_model.make_edit("in_progress", "", None, ""), BO, "typed"
    )
    t = translator("zh")
    six = form.slide(6, "zh", t)
    today = dates.day(datetime.now(UTC), "zh")  # 2026年11月27日: as a reader writes it
    assert six.notice == t("story.progress_recorded", n=1, total=33, at=today, who="Bo")
    assert "T" not in six.notice.replace("Bo", "")  # the date, not an ISO timestamp
    assert six.facts[0].value == t("story.done_of", done=0, total=33)
    # the recommendations themselves have no record: they say so
    assert all(p.endswith(t("checklist.status_not_recorded")) for p in six.points)


def test_the_newest_saved_scenario_is_shown_not_the_preset() -> None:
    older = scenarios.make("older", steps=())
    store.save(older, BO, overwrite=False)
    step = Move(
        level="city", from_host=Host.INDUSTRY_IT_BUREAU, to_host=Host.GOVERNMENT_SERVICES_OFFICE
    )
    newer = scenarios.make(HOSTILE, note="n", steps=(step,))
    store.save(newer, ANA, overwrite=False)
    with open_store().transaction() as con:  # make the order certain
        con.execute(
            "UPDATE scenario SET saved_at = '2020-01-01T00:00:00+00:00' WHERE name = 'older'"
        )
    data, built = every_slide("en")
    assert not data.scenario.preset and data.scenario.scenario.name == HOSTILE
    seven = built[6]
    assert HOSTILE in seven.notice and "Ana" in seven.notice
    # when it was saved, as a date: no raw timestamp on a slide
    assert dates.day(datetime.now(UTC), "en") in seven.notice
    assert not re.search(r"\d\d:\d\d", seven.notice)
    # two industry-and-IT cities move onto the centre's line: alignment 1/13 -> 3/13
    assert [f.note for f in seven.facts][3] == "1/13 → 3/13"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_save_reads_as_a_day_in_the_readers_zone_and_an_unknown_saver_is_left_out(
    lang: str,
) -> None:
    """No raw timestamp and no "saved by unknown": the day as the reader writes it, in the
    reader's zone, and no name when the row has none (saved before savers were recorded)."""
    store.save(scenarios.make("nameless", steps=()), LOCAL, overwrite=False)
    with open_store().transaction() as con:  # late evening in UTC: the next day in Shanghai
        con.execute("UPDATE scenario SET saved_at = '2026-11-27T20:00:00+00:00', saved_by = NULL")
    t = translator(lang)
    data = gather(lang)
    seven = slides.build(7, replace(data, zone="Asia/Shanghai"), lang, t)
    day = {"zh": "2026年11月28日", "en": "28 Nov 2026"}[lang]
    assert seven.notice == t("story.saved_notice_anon", name="nameless", at=day)
    assert t("app.unknown") not in seven.notice
    assert not re.search(r"\d{4}-\d\d-\d\d|\d\d:\d\d", seven.notice)
    assert data.zone is None  # outside a browser the zone is unknown: the day in UTC
    assert day not in slides.build(7, data, lang, t).notice


def test_an_unusable_saved_scenario_falls_back_to_the_preset_with_a_notice() -> None:
    store.save(scenarios.make("broken", steps=()), ANA, overwrite=False)
    with open_store().transaction() as con:
        con.execute("UPDATE scenario SET body = '{not json' WHERE name = 'broken'")
    t = translator("zh")
    data, built = every_slide("zh")
    assert data.scenario.preset and data.scenario.problem == "story.saved_unusable"
    assert built[6].notice.startswith(t("story.saved_unusable"))


@pytest.mark.parametrize(
    ("lang", "model", "own", "same_host"),
    [
        ("zh", "先进省份", "本应用的参照点", "与省级机构同一挂靠单位"),
        ("en", "model provinces", "The app's reference point", "Same host as provincial agency"),
    ],
)
def test_slide_5_gives_the_reference_point_as_the_app_s_own(
    lang: str, model: str, own: str, same_host: str
) -> None:
    """¶5 gives no figure for any province: the 100% / 1.00 reference is the app's."""
    five = form.slide(5, lang, translator(lang))
    assert model not in five.lead and own in five.lead
    assert "100%" in five.lead and "1.00" in five.lead
    assert sum(same_host in f.label for f in five.facts) == 2


@pytest.mark.parametrize(
    ("lang", "model", "own"),
    [("zh", "先进省份", "本应用自己的假设"), ("en", "model provinces", "the app's own assumption")],
)
def test_slide_7_shows_the_preset_as_the_app_s_own_with_no_source_cited(
    lang: str, model: str, own: str
) -> None:
    t = translator(lang)
    seven = form.slide(7, lang, t)
    assert seven.notice == t("story.preset_notice", name=t("scenarios.preset_model_name"))
    assert model not in seven.notice and own in seven.notice
    assert model not in t("scenarios.preset_model_name")
    # the source backs the figures before; its sentence on the model provinces is not cited
    # beside a move it never proposes
    assert seven.excerpts and not [e for e in seven.excerpts if "上下對口" in e.text]
    html = briefing.slide_html(seven, t, lang)
    assert "上下對口" not in html and html_text(own) in html


def test_build_rejects_a_slide_outside_the_story() -> None:
    data = gather("en")
    with pytest.raises(ValueError, match="slide 8"):
        slides.build(8, data, "en", translator("en"))


def test_projector_copy_sets_one_type_size_and_leaves_the_original_alone() -> None:
    """A map's names and legend get the same size as a bar chart's text (the scale's small
    step for the window); the cached figures keep theirs."""
    data = gather("en")
    fig = data.city_map
    font = display.chart_font((1920, 1080))
    big = display.for_projector(fig, font)
    names = [tr for tr in big.data if tr.type == "scattergeo" and "text" in (tr.mode or "")]
    legend = next(tr for tr in big.data if tr.type == "choropleth").colorbar
    assert names and all(tr.textfont.size == font for tr in names)
    assert legend.tickfont.size == font == legend.title.font.size == big.layout.font.size
    assert fig.layout.font.size is None and fig.data[-1].textfont.size != font
    bars = slides.build(5, data, "en", translator("en")).charts[0].figure
    big_bars = display.for_projector(bars, font)
    assert big_bars.layout.font.size == font and big_bars.layout.yaxis.automargin
    assert bars.layout.font.size is None


def test_chart_type_follows_the_window_and_never_falls_below_the_floor() -> None:
    assert display.chart_font((1280, 720)) == 15
    assert display.chart_font((1920, 1080)) == 23
    assert display.chart_font((3840, 2160)) > display.chart_font((1920, 1080))
    assert display.chart_font((800, 450)) == display.SMALL[1]  # a small window: the floor
    assert display.chart_font((1920, 600)) < display.chart_font((1920, 1080))
    assert display.chart_font(None) == display.chart_font(display.DEFAULT_SCREEN)


def test_presentation_css_is_static_and_hides_the_chrome() -> None:
    css = display.PRESENTATION_CSS
    assert css.startswith("<style>") and css.endswith("</style>")
    for testid in ("stSidebar", "stHeader", "stToolbar"):
        assert f'[data-testid="{testid}"]' in css
    assert "{" not in css.split("<style>")[0]


# --- the briefing -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_briefing_is_one_self_contained_document(lang: str) -> None:
    t = translator(lang)
    _, built = every_slide(lang)
    when = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
    doc = briefing.render(built, lang, t, when, "Asia/Shanghai")
    n_charts, n_maps = briefing.chart_count(built)
    assert (n_charts, n_maps) == (6, 3)  # no progress chart while nothing is recorded
    # plotly.js once, inline; one plot div per chart; no external script or stylesheet
    assert doc.count("<script src") == 0 and "<link" not in doc
    assert doc.count("Plotly.newPlot(") == n_charts
    assert len(re.findall(r'<div class="chart" data-kind="map">', doc)) == n_maps
    assert doc.count("* plotly.js v") == 1
    # every figure's config: the base topojson never comes from a CDN; boundaries inline
    configs = re.findall(r'\{"displaylogo": false, [^}]*\}', doc)
    assert len(configs) == n_charts and all('"topojsonURL": "./"' in c for c in configs)
    assert "/app/static/geo/" not in doc
    assert "window.PlotlyGeoAssets = " in doc.split("<script>", 3)[1] + doc.split("<script>", 3)[2]
    # text, figures, excerpts, dates
    for s in built:
        assert f"{s.number}. {html_text(s.title)}" in doc
        for f in s.facts:
            assert html_text(f.value) in doc
        for ex in s.excerpts:  # as the reader sees it first, and the verbatim original
            assert html_text(quotation(ex.text, lang)) in doc and html_text(ex.text) in doc
    assert html_text(t("app.as_of")) in doc
    stamp = {"zh": "2026年11月27日 17:30", "en": "27 Nov 2026, 17:30"}[lang]  # UTC+8
    assert html_text(t("story.exported_at", when=stamp)) in doc
    assert f'<html lang="{"zh-Hans" if lang == "zh" else "en"}">' in doc


def test_briefing_maps_carry_their_geojson() -> None:
    data = gather("en")
    for name in ("city_map", "county_map", "china_map"):
        fig = getattr(data, name)
        assert isinstance(fig.data[0].geojson, str), name  # the app serves it by URL
        inline = briefing.self_contained(fig)
        geojson = inline.data[0].geojson
        assert isinstance(geojson, dict) and geojson["type"] == "FeatureCollection"
        ids = {f["id"] for f in geojson["features"]}
        assert set(inline.data[0].locations) <= ids
        assert isinstance(fig.data[0].geojson, str)  # the cached figure is not changed


def test_briefing_escapes_data_text() -> None:
    signed_in = Actor("oidc:x@example.org", "<b>who</b>", Role.EDITOR)  # the name from sign-in
    store.save(scenarios.make(HOSTILE, note=HOSTILE), signed_in, overwrite=False)
    t = translator("en")
    _, built = every_slide("en")
    doc = briefing.render(built, "en", t, datetime(2026, 1, 1))
    assert HOSTILE not in doc and "<b>who</b>" not in doc
    assert html_text(HOSTILE) in doc and "&lt;b&gt;who&lt;/b&gt;" in doc


def test_geo_assets_script_is_inert_json() -> None:
    script = briefing.geo_assets_script()
    body = script.removeprefix("<script>window.PlotlyGeoAssets = ").removesuffix(";</script>")
    assets = json.loads(body)
    assert set(assets["topojson"]) == set(briefing.TOPOJSON_NAMES)
    assert assets["topojson"]["world_110m"]["type"] == "Topology"
    assert "</" not in body


@pytest.mark.parametrize("url", ["/app/static/geo/../../app/db.py", "/etc/passwd", "x/none.json"])
def test_served_boundaries_reads_only_the_geo_folder(url: str) -> None:
    with pytest.raises(briefing.BriefingError):
        briefing.served_boundaries(url)
