"""Story mode: the case as numbered slides, each built from the live views.

A slide is plain data (title, lead, facts, bullet points, charts, verbatim source
excerpts), so the story page and the HTML briefing (app.briefing) draw the same thing.
`gather()` reads the views, the maps, the checklist store and the saved scenarios once
(Streamlit side); every builder in SLIDES is a pure function of that StoryData, the
language and the translator, so no number on a slide is ever typed in by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

import pandas as pd
import plotly.graph_objects as go

from app import checklist, scenarios
from app.core import gap, metrics, national, overview, structure
from app.core.permalink import number as bounded_number
from app.figures import palette
from app.figures.scenario_charts import before_after_figure

Translator = Callable[..., str]

SLIDE_PARAM: Final = "slide"
PRESENT_PARAM: Final = "present"
_TRUE: Final = frozenset({"1", "true", "yes", "on"})
_FALSE: Final = frozenset({"0", "false", "no", "off", ""})

STATUS_COLOURS: Final = {
    checklist.Status.DONE.value: palette.BLUISH_GREEN,
    checklist.Status.IN_PROGRESS.value: palette.SKY_BLUE,
    checklist.Status.BLOCKED.value: palette.VERMILLION,
    checklist.Status.NOT_STARTED.value: palette.UNKNOWN_COLOUR,
}
MODEL_SENTENCE_MARK: Final = "上下對口"  # ¶5: the model provinces' vertically matched structure

# Projector mode: hide the chrome, enlarge type and charts. Static CSS, never user text.
PRESENTATION_CSS: Final = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stAppToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] {
  max-width: 100% !important; padding: 1.5rem 3rem !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li {
  font-size: 1.55rem !important; line-height: 1.45 !important; }
[data-testid="stMain"] h1 { font-size: 3.2rem !important; }
[data-testid="stMain"] h2 { font-size: 3.2rem !important; }
[data-testid="stMain"] h3 { font-size: 2.2rem !important; }
[data-testid="stMain"] [data-testid="stMetricValue"],
[data-testid="stMain"] [data-testid="stMetricValue"] * {
  font-size: 3rem !important; line-height: 1.2 !important; }
[data-testid="stMetricLabel"] p { font-size: 1.35rem !important; }
[data-testid="stCaptionContainer"] p { font-size: 1.2rem !important; }
</style>"""
PROJECTOR_SCALE: Final = 1.35
PROJECTOR_FONT: Final = 18


# --- what a slide is ------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class Excerpt:
    """Verbatim words of the source and the paragraph(s) they come from."""

    source_ref: str
    text: str

    def paragraphs(self) -> list[str]:
        return [
            ref.removeprefix("article#p")
            for ref in self.source_ref.split(";")
            if ref.startswith("article#p")
        ]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    figure: go.Figure
    is_map: bool = False


@dataclass(frozen=True)
class Slide:
    number: int
    key: str
    title: str
    lead: str
    facts: tuple[Fact, ...] = ()
    points: tuple[str, ...] = ()
    charts: tuple[Chart, ...] = ()
    excerpts: tuple[Excerpt, ...] = ()
    notice: str = ""  # e.g. "this is a preset, not a saved scenario"


@dataclass(frozen=True)
class ScenarioChoice:
    """The scenario slide 7 shows: the newest saved one, else the source's preset."""

    scenario: scenarios.Scenario
    preset: bool
    saved_at: str | None = None
    saved_by: str | None = None
    problem: str | None = None  # i18n key when a saved scenario could not be used


@dataclass(frozen=True)
class StoryData:
    agencies: pd.DataFrame  # v_agencies
    divisions: pd.DataFrame
    codes: pd.DataFrame
    reported: pd.DataFrame  # v_reported_vs_computed
    county_coverage: pd.DataFrame  # v_county_coverage
    level_metrics: pd.DataFrame  # v_level_metrics
    city_host: pd.DataFrame  # v_city_host
    county_host: pd.DataFrame  # v_county_host
    province_models: pd.DataFrame  # v_province_models
    sources: pd.DataFrame
    checklist_items: pd.DataFrame  # checklist.items(...)
    scenario: ScenarioChoice
    maps: dict[str, go.Figure] = field(default_factory=dict)  # city, county, china


# --- URL parameters ---------------------------------------------------------------------


def parse_slide(raw: str | None, count: int) -> tuple[int, bool]:
    """?slide=N (1-based) -> (slide, was_bad). Missing means 1; anything else invalid is bad."""
    if raw is None or raw == "":
        return 1, False
    number = bounded_number(raw, "int")  # length and range checked before conversion
    if number is not None and 1 <= number <= count:
        return int(number), False
    return 1, True


def parse_present(raw: str | None) -> tuple[bool, bool]:
    """?present=1 -> (on, was_bad); 0/1/true/false/yes/no/on/off are understood."""
    text = "" if raw is None else str(raw).strip().lower()
    if text in _TRUE:
        return True, False
    return False, text not in _FALSE


# --- helpers ------------------------------------------------------------------------------


def _excerpt_for(reported: pd.DataFrame, figure_id: str) -> Excerpt | None:
    rows = reported[reported["figure_id"] == figure_id]
    if rows.empty or not isinstance(rows.iloc[0]["excerpt"], str):
        return None
    return Excerpt(str(rows.iloc[0]["source_ref"]), str(rows.iloc[0]["excerpt"]))


def _excerpts(reported: pd.DataFrame, figure_ids: Sequence[str]) -> tuple[Excerpt, ...]:
    """Figure excerpts, each verbatim text once, in the order asked."""
    out: list[Excerpt] = []
    for fid in figure_ids:
        ex = _excerpt_for(reported, fid)
        if ex and all(ex.text != o.text for o in out):
            out.append(ex)
    return tuple(out)


def paragraph(sources: pd.DataFrame, source_ref: str) -> str:
    rows = sources[sources["source_ref"] == source_ref]
    return "" if rows.empty else str(rows.iloc[0]["excerpt"])


def sentence(text: str, mark: str) -> str:
    """The sentence of text (split at 。) that contains mark, verbatim; '' when absent."""
    for part in text.split("。"):
        if mark in part:
            return part.strip() + "。"
    return ""


def _label(codes: pd.DataFrame, domain: str, code: object, lang: str, unknown: str) -> str:
    if code is None or code != code:
        return unknown
    return structure.labels(codes, domain, lang).get(str(code), str(code))


def _distribution_points(frame: pd.DataFrame, lang: str, t: Translator) -> tuple[str, ...]:
    col = "label_zh" if lang == "zh" else "label_en"
    return tuple(
        t("story.count_line", label=r[col], n=int(r["n"]), share=f"{float(r['share']):.0%}")
        for _, r in frame.iterrows()
    )


def _figure_value(reported: pd.DataFrame, figure_id: str) -> tuple[int | None, int | None]:
    rows = reported[reported["figure_id"] == figure_id]
    if rows.empty:
        return None, None
    r = rows.iloc[0]
    computed = None if pd.isna(r["computed"]) else int(r["computed"])
    return computed, (None if pd.isna(r["reported"]) else int(r["reported"]))


# --- the slides -----------------------------------------------------------------------------


def slide_question(n: int, data: StoryData, lang: str, t: Translator) -> Slide:
    facts = []
    for h in overview.headlines(data.reported):
        shown = h.value if h.value is not None else h.reported
        note = t("story.stated_only") if h.value is None else t("story.computed_from_rows")
        facts.append(Fact(t(f"overview.{h.key}"), str(shown), note))
    dims = tuple(t(f"story.dimension_{d}") for d in DIMENSIONS)
    return Slide(
        n,
        "question",
        t("story.s1_title"),
        t("story.s1_lead"),
        facts=tuple(facts),
        points=dims,
        excerpts=(Excerpt("article#p2", paragraph(data.sources, "article#p2")),),
    )


DIMENSIONS: Final = (
    "organisational_structure",
    "coordination_push",
    "theory_research",
    "digital_capability",
)


def slide_structure(n: int, data: StoryData, lang: str, t: Translator) -> Slide:
    centre = overview.province_centre(data.agencies)
    unknown = t("app.unknown")
    name = centre["name_zh"] if lang == "zh" else centre["name_en"]
    facts = (
        Fact(t("story.centre"), str(name)),
        Fact(t("overview.centre_host"), _label(data.codes, "host", centre["host"], lang, unknown)),
        Fact(
            t("overview.centre_nature"),
            _label(data.codes, "nature", centre["nature"], lang, unknown),
        ),
        Fact(t("story.cities"), str(int(data.city_host["n"].sum()))),
    )
    charts = ()
    if "city" in data.maps:
        charts = (Chart("city_map", t("story.city_map"), data.maps["city"], is_map=True),)
    centre_ex = (
        (Excerpt(str(centre["source_ref"]), str(centre["excerpt"])),)
        if isinstance(centre.get("excerpt"), str)
        else ()
    )
    host_ids = [f"city_host_{h}" for h in data.city_host["host"]]
    return Slide(
        n,
        "structure",
        t("story.s2_title"),
        t("story.s2_lead"),
        facts=facts,
        points=_distribution_points(data.city_host, lang, t),
        charts=charts,
        excerpts=centre_ex + _excerpts(data.reported, ["city_units", *host_ids]),
    )


def coverage_counts(county_coverage: pd.DataFrame) -> dict[str, int]:
    """units, with_agency, without_agency from v_county_coverage."""
    n = dict(zip(county_coverage["coverage"], county_coverage["n"].astype(int), strict=True))
    return {
        "units": int(sum(n.values())),
        "with_agency": int(n.get("with_agency", 0)),
        "without_agency": int(n.get("without_agency", 0)),
    }


def slide_counties(n: int, data: StoryData, lang: str, t: Translator) -> Slide:
    c = coverage_counts(data.county_coverage)
    facts = (
        Fact(t("story.county_units"), str(c["units"])),
        Fact(t("story.county_with"), str(c["with_agency"])),
        Fact(t("story.county_without"), str(c["without_agency"])),
    )
    charts = ()
    if "county" in data.maps:
        charts = (Chart("county_map", t("story.county_map"), data.maps["county"], is_map=True),)
    host_ids = [f"county_host_{h}" for h in data.county_host["host"]]
    return Slide(
        n,
        "counties",
        t("story.s3_title"),
        t("story.s3_lead"),
        facts=facts,
        points=_distribution_points(data.county_host, lang, t),
        charts=charts,
        excerpts=_excerpts(data.reported, ["county_units", "county_with_agency", *host_ids]),
        notice=t("story.which_county_not_in_source"),
    )


def slide_national(n: int, data: StoryData, lang: str, t: Translator) -> Slide:
    computed, reported = _figure_value(data.reported, "provinces_with_data_agency")
    shown = computed if computed is not None else reported
    facts = [
        Fact(
            t("overview.provinces_with_data_agency"),
            t("app.unknown") if shown is None else str(shown),
            t("story.which_not_in_source"),
        )
    ]
    sep = "、" if lang == "zh" else ", "
    points = tuple(
        t("story.model_line", label=g.label, provinces=sep.join(g.provinces))
        for g in national.groups(data.province_models, lang)
    )
    three = data.province_models[data.province_models["three_level_structure"].fillna(False)]
    facts.append(Fact(t("story.three_level"), str(len(three))))
    charts = ()
    if "china" in data.maps:
        charts = (Chart("china_map", t("story.china_map"), data.maps["china"], is_map=True),)
    p6 = paragraph(data.sources, "article#p6")
    model_sentences = tuple(
        Excerpt("article#p6", s)
        for s in dict.fromkeys(sentence(p6, mark) for mark in ("廣東、上海", "河南、安徽", "四川"))
        if s
    )
    return Slide(
        n,
        "national",
        t("story.s4_title"),
        t("story.s4_lead"),
        facts=tuple(facts),
        points=points,
        charts=charts,
        excerpts=_excerpts(data.reported, ["provinces_with_data_agency"]) + model_sentences,
    )


def level_readings(
    data: StoryData, lang: str, t: Translator
) -> list[tuple[metrics.LevelMetrics, list[gap.Reading]]]:
    def host_label(code: str | None) -> str:
        return _label(data.codes, "host", code, lang, t("app.unknown"))

    out = []
    for _, row in data.level_metrics.iterrows():
        m = metrics.from_view(row)
        out.append((m, gap.readings(m, host_label)))
    return out


def slide_gap(n: int, data: StoryData, lang: str, t: Translator) -> Slide:
    facts, points = [], []
    for m, readings in level_readings(data, lang, t):
        level = t(f"gap.level_{m.level}")
        for r in readings:
            facts.append(
                Fact(
                    f"{level} · {t(f'gap.metric_{r.metric}')}",
                    r.shown,
                    t("gap.fraction", fraction=r.fraction),
                )
            )
            if r.shown != "—":
                points.append(t("story.level_reading", level=level, text=t(r.key, **r.values)))

    def host_label(code: str | None) -> str:
        return _label(data.codes, "host", code, lang, t("app.unknown"))

    fig = gap.host_shares_figure(
        {"city": data.city_host, "county": data.county_host},
        {"city": t("gap.short_city"), "county": t("gap.short_county")},
        host_label,
        t("gap.shares_axis"),
    )
    p5 = paragraph(data.sources, "article#p5")
    model = sentence(p5, MODEL_SENTENCE_MARK)
    return Slide(
        n,
        "gap",
        t("story.s5_title"),
        t("story.s5_lead"),
        facts=tuple(facts),
        points=tuple(points),
        charts=(Chart("gap_shares", t("gap.shares_title"), fig),),
        excerpts=_excerpts(data.reported, ["city_units", "county_with_agency"])
        + ((Excerpt("article#p5", model),) if model else ()),
    )


def progress_figure(items: pd.DataFrame, t: Translator) -> go.Figure:
    """Items per status, one bar per category (recommendations, integrations, principles)."""
    frame = checklist.progress(items, by="group_category")
    frame = frame.set_index("group_category").reindex(
        [c for c in checklist.CATEGORY_ORDER if c in set(frame["group_category"])]
    )
    names = [t(f"story.category_{c}") for c in frame.index]
    fig = go.Figure()
    for status in checklist.STATUSES:
        colour = STATUS_COLOURS[status]
        fig.add_bar(
            x=frame[status].astype(int).tolist(),
            y=names,
            orientation="h",
            name=t(f"checklist.status_{status}"),
            marker={"color": colour, "line": {"color": "#333333", "width": 0.5}},
            text=[int(v) or "" for v in frame[status]],
            textposition="inside",
            insidetextfont_color=palette.text_colour(colour),
            hovertemplate="%{y}: %{x}<extra>" + t(f"checklist.status_{status}") + "</extra>",
        )
    fig.update_layout(
        barmode="stack",
        height=260,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        xaxis={"title": t("story.items_axis")},
        yaxis={"autorange": "reversed"},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
        dragmode=False,
    )
    return fig


def slide_recommendations(n: int, data: StoryData, lang: str, t: Translator) -> Slide:
    items = data.checklist_items
    done, total = checklist.overall(items)
    facts = [Fact(t("checklist.progress"), t("story.done_of", done=done, total=total))]
    per = checklist.progress(items, by="group_category").set_index("group_category")
    for cat in checklist.CATEGORY_ORDER:
        if cat in per.index:
            facts.append(
                Fact(
                    t(f"story.category_{cat}"),
                    t(
                        "story.done_of",
                        done=int(per.at[cat, "done"]),
                        total=int(per.at[cat, "total"]),
                    ),
                )
            )
    title = "title_zh" if lang == "zh" else "title_en"
    top = items[(items["category"] == "recommendation") & (items["parent_id"] == "")]
    points = tuple(
        t(
            "story.rec_line",
            rec_id=r.rec_id,
            title=getattr(r, title),
            status=t(f"checklist.status_{r.status}"),
        )
        for r in top.itertuples()
    )
    excerpts = tuple(
        Excerpt(str(r.source_ref), str(r.excerpt))
        for r in top.itertuples()
        if isinstance(r.excerpt, str) and r.excerpt
    )
    return Slide(
        n,
        "recommendations",
        t("story.s6_title"),
        t("story.s6_lead"),
        facts=tuple(facts),
        points=points,
        charts=(Chart("progress", t("story.progress_chart"), progress_figure(items, t)),),
        excerpts=excerpts,
    )


def slide_scenario(n: int, data: StoryData, lang: str, t: Translator) -> Slide:
    choice = data.scenario
    units = metrics.level_units(data.divisions)
    applied = scenarios.apply(choice.scenario, data.agencies, units)
    before = metrics.level_metrics(data.agencies, units)
    after = metrics.level_metrics(applied.agencies, units)
    facts = []
    for b, a in zip(before, after, strict=True):
        level = t(f"gap.level_{b.level}")
        for metric in metrics.METRICS:
            rb, ra = getattr(b, metric), getattr(a, metric)
            percent = metric in ("coverage", "alignment")
            shown = (
                f"{rb.percent()} → {ra.percent()}"
                if percent
                else f"{rb.decimal()} → {ra.decimal()}"
            )
            facts.append(
                Fact(
                    f"{level} · {t(f'gap.metric_{metric}')}",
                    shown,
                    t("scenarios.before_to_after", before=str(rb), after=str(ra)),
                )
            )

    def host_label(code: str | None) -> str:
        return _label(data.codes, "host", code, lang, t("app.unknown"))

    charts = tuple(
        Chart(
            f"scenario_{level}",
            t(f"gap.level_{level}"),
            before_after_figure(
                scenarios.distribution(data.agencies, applied.agencies, level),
                host_label,
                t("scenarios.before"),
                t("scenarios.after"),
                t("scenarios.agencies_axis"),
            ),
        )
        for level in metrics.LEVELS
    )
    if choice.preset:
        notice = t("story.preset_notice", name=choice.scenario.name)
        if choice.problem:
            notice = t(choice.problem) + " " + notice
    else:
        notice = t(
            "story.saved_notice",
            name=choice.scenario.name,
            at=(choice.saved_at or "").replace("T", " "),
            who=choice.saved_by or t("app.unknown"),
        )
    points = (t("story.steps", n=len(choice.scenario.steps)),)
    if choice.scenario.note:
        points += (t("story.note", note=choice.scenario.note),)
    model = sentence(paragraph(data.sources, "article#p5"), MODEL_SENTENCE_MARK)
    return Slide(
        n,
        "scenario",
        t("story.s7_title"),
        t("story.s7_lead"),
        facts=tuple(facts),
        points=points,
        charts=charts,
        excerpts=(Excerpt("article#p5", model),) if model else (),
        notice=notice,
    )


SlideBuilder = Callable[[int, StoryData, str, Translator], Slide]
SLIDES: Final[tuple[tuple[str, SlideBuilder], ...]] = (
    ("question", slide_question),
    ("structure", slide_structure),
    ("counties", slide_counties),
    ("national", slide_national),
    ("gap", slide_gap),
    ("recommendations", slide_recommendations),
    ("scenario", slide_scenario),
)
COUNT: Final = len(SLIDES)


def build(number: int, data: StoryData, lang: str, t: Translator) -> Slide:
    """Slide `number` (1-based)."""
    if not 1 <= number <= COUNT:
        raise ValueError(f"slide {number} is not in 1..{COUNT}")
    return SLIDES[number - 1][1](number, data, lang, t)


def build_all(data: StoryData, lang: str, t: Translator) -> list[Slide]:
    return [builder(i, data, lang, t) for i, (_, builder) in enumerate(SLIDES, start=1)]


# --- choosing the scenario -------------------------------------------------------------------


def choose_scenario(
    saved: pd.DataFrame,
    load: Callable[[str], scenarios.Scenario],
    agencies: pd.DataFrame,
    units: dict[str, int],
    preset_name: str,
) -> ScenarioChoice:
    """The newest saved scenario that loads and applies; else the model-provinces preset."""
    problem = None
    if len(saved):
        newest = saved.sort_values("saved_at", ascending=False, kind="stable").iloc[0]
        try:
            scenario = load(str(newest["name"]))
            scenarios.apply(scenario, agencies, units)
        except scenarios.ScenarioError:
            problem = "story.saved_unusable"
        else:
            return ScenarioChoice(
                scenario,
                preset=False,
                saved_at=None if pd.isna(newest["saved_at"]) else str(newest["saved_at"]),
                saved_by=None if pd.isna(newest["saved_by"]) else str(newest["saved_by"]),
            )
    return ScenarioChoice(
        scenarios.as_model_provinces(preset_name, agencies), preset=True, problem=problem
    )


# --- projector ------------------------------------------------------------------------------


def for_projector(fig: go.Figure, scale: float = PROJECTOR_SCALE) -> go.Figure:
    """A copy of fig, taller; charts also get larger type (cached figures are never changed).

    A map keeps its type size: a larger colour-bar legend would take the map's width."""
    out = go.Figure(fig)
    height = out.layout.height or 450
    out.update_layout(height=int(height * scale))
    if any(trace.type == "bar" for trace in out.data):
        out.update_layout(font={"size": PROJECTOR_FONT})
        out.update_xaxes(automargin=True)  # room for the larger axis labels
        out.update_yaxes(automargin=True)
    return out


# --- Streamlit side: read everything a story needs ---------------------------------------------


def gather(lang: str, t: Translator, snapshot: str | None = None) -> StoryData:
    """Everything the slides need, read through the app's cached views and maps."""
    from app import ui
    from app.figures import maps

    agencies = ui.view("v_agencies", snapshot)
    divisions = ui.view("divisions")
    units = metrics.level_units(divisions)
    choice = choose_scenario(
        scenarios.saved(), scenarios.load, agencies, units, t("scenarios.preset_model_name")
    )
    return StoryData(
        agencies=agencies,
        divisions=divisions,
        codes=ui.view("codes"),
        reported=ui.view("v_reported_vs_computed", snapshot),
        county_coverage=ui.view("v_county_coverage", snapshot),
        level_metrics=ui.view("v_level_metrics", snapshot),
        city_host=ui.view("v_city_host", snapshot),
        county_host=ui.view("v_county_host", snapshot),
        province_models=ui.view("v_province_models"),
        sources=ui.view("sources"),
        checklist_items=checklist.items(ui.view("recommendations"), ui.view("sources")),
        scenario=choice,
        maps={
            "city": maps.city_map(lang, "host", snapshot),
            "county": maps.county_map(lang, snapshot),
            "china": maps.china_map(lang),
        },
    )
