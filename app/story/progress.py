"""Slide 6: the source's recommendations and the progress recorded in this app's checklist.

Progress is the app's record, never the source's and never a default: with nothing
recorded the slide says so and shows no counts; otherwise it says who saved last and when.
"""

from __future__ import annotations

from typing import Final

import pandas as pd
import plotly.graph_objects as go

from app.checklist import model as checklist_model
from app.checklist import table as checklist_table
from app.core import i18n
from app.figures import palette, shown, toolbar
from app.story import parts
from app.story.model import Chart, Excerpt, Fact, Slide, StoryData, Translator

Status = checklist_model.Status
STATUS_COLOURS: Final = {
    Status.NOT_RECORDED.value: palette.UNKNOWN_COLOUR,
    Status.NOT_STARTED.value: palette.ORANGE,
    Status.IN_PROGRESS.value: palette.SKY_BLUE,
    Status.DONE.value: palette.BLUISH_GREEN,
    Status.BLOCKED.value: palette.VERMILLION,
}


def progress_rows(items: pd.DataFrame) -> pd.DataFrame:
    """Items per status (columns), one row per category present, in the category order."""
    frame = checklist_table.progress(items, by="group_category")
    return frame.set_index("group_category").reindex(
        [c for c in checklist_model.CATEGORY_ORDER if c in set(frame["group_category"])]
    )


def progress_data(frame: pd.DataFrame, lang: str, t: Translator) -> shown.Shown:
    """progress_figure()'s rows: the same counts, headed as its legend names them."""
    return shown.progress(
        [t(f"story.category_{c}") for c in frame.index],
        {
            t(f"checklist.status_{s}"): frame[s].astype(int).tolist()
            for s in checklist_model.STATUSES
        },
        lang,
        "checklist-progress",
    )


def progress_figure(frame: pd.DataFrame, t: Translator) -> go.Figure:
    """Items per status, one bar per category (recommendations, integrations, principles);
    frame: progress_rows()."""
    names = [t(f"story.category_{c}") for c in frame.index]
    fig = go.Figure()
    for status in checklist_model.STATUSES:
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
        height=280,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"title": t("story.items_axis")},
        yaxis={"autorange": "reversed"},
        legend=toolbar.top_legend(280),
        dragmode=False,
    )
    return toolbar.for_chart(fig)


def _done_of(t: Translator, done: int, total: int) -> str:
    return t("story.done_of", done=int(done), total=int(total))


def _progress_facts(items: pd.DataFrame, t: Translator) -> list[Fact]:
    facts = [Fact(t("checklist.progress"), _done_of(t, *checklist_table.overall(items)))]
    per = checklist_table.progress(items, by="group_category").set_index("group_category")
    return facts + [
        Fact(t(f"story.category_{cat}"), _done_of(t, per.at[cat, "done"], per.at[cat, "total"]))
        for cat in checklist_model.CATEGORY_ORDER
        if cat in per.index
    ]


def _point(r: pd.Series, lang: str, zone: str | None, t: Translator) -> str:
    """A recommendation by its title (no internal id) and its recorded status, if any."""
    title, status = str(i18n.column(r, "title", lang)), t(f"checklist.status_{r['status']}")
    if r["status"] == Status.NOT_RECORDED.value:
        return t("story.rec_line", title=title, status=status)
    return parts.saved_line(
        t,
        "story.rec_line_recorded",
        r["updated_at"],
        r["updated_by"],
        lang,
        zone,
        title=title,
        status=status,
    )


def slide_recommendations(n: int, data: StoryData, lang: str, t: Translator) -> Slide:
    items = data.checklist_items
    top = items[(items["category"] == "recommendation") & (items["parent_id"] == "")]
    points = tuple(_point(r, lang, data.zone, t) for _, r in top.iterrows())
    excerpts = tuple(
        Excerpt(str(r["source_ref"]), str(r["excerpt"]))
        for _, r in top.iterrows()
        if isinstance(r["excerpt"], str) and r["excerpt"]
    )
    recorded = checklist_table.recorded(items)
    if recorded.empty:  # nobody has recorded anything: no counts that would read as fact
        notice, facts, charts = t("story.progress_none"), (), ()
    else:
        at, who = checklist_table.last_saved(items)
        notice = parts.saved_line(
            t,
            "story.progress_recorded",
            at,
            who,
            lang,
            data.zone,
            n=len(recorded),
            total=len(items),
        )
        facts = tuple(_progress_facts(items, t))
        rows = progress_rows(items)
        figure, data = progress_figure(rows, t), progress_data(rows, lang, t)
        charts = (Chart("progress", t("story.progress_chart"), figure, data=data),)
    return Slide(
        n,
        "recommendations",
        t("story.s6_title"),
        t("story.s6_lead"),
        facts=facts,
        points=points,
        charts=charts,
        excerpts=excerpts,
        notice=notice,
    )
