"""Slide 6: the source's recommendations and the progress recorded in the checklist."""

from __future__ import annotations

from typing import Final

import pandas as pd
import plotly.graph_objects as go

from app.checklist import model as checklist_model
from app.checklist import table as checklist_table
from app.core import i18n
from app.figures import palette
from app.story.model import Chart, Excerpt, Fact, Slide, StoryData, Translator

STATUS_COLOURS: Final = {
    checklist_model.Status.DONE.value: palette.BLUISH_GREEN,
    checklist_model.Status.IN_PROGRESS.value: palette.SKY_BLUE,
    checklist_model.Status.BLOCKED.value: palette.VERMILLION,
    checklist_model.Status.NOT_STARTED.value: palette.UNKNOWN_COLOUR,
}


def progress_figure(items: pd.DataFrame, t: Translator) -> go.Figure:
    """Items per status, one bar per category (recommendations, integrations, principles)."""
    frame = checklist_table.progress(items, by="group_category")
    frame = frame.set_index("group_category").reindex(
        [c for c in checklist_model.CATEGORY_ORDER if c in set(frame["group_category"])]
    )
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
        height=260,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        xaxis={"title": t("story.items_axis")},
        yaxis={"autorange": "reversed"},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
        dragmode=False,
    )
    return fig


def _done_of(t: Translator, done: int, total: int) -> str:
    return t("story.done_of", done=int(done), total=int(total))


def slide_recommendations(n: int, data: StoryData, lang: str, t: Translator) -> Slide:
    items = data.checklist_items
    facts = [Fact(t("checklist.progress"), _done_of(t, *checklist_table.overall(items)))]
    per = checklist_table.progress(items, by="group_category").set_index("group_category")
    facts += [
        Fact(t(f"story.category_{cat}"), _done_of(t, per.at[cat, "done"], per.at[cat, "total"]))
        for cat in checklist_model.CATEGORY_ORDER
        if cat in per.index
    ]
    top = items[(items["category"] == "recommendation") & (items["parent_id"] == "")]
    points = tuple(
        t(
            "story.rec_line",
            rec_id=r["rec_id"],
            title=str(i18n.column(r, "title", lang)),
            status=t(f"checklist.status_{r['status']}"),
        )
        for _, r in top.iterrows()
    )
    excerpts = tuple(
        Excerpt(str(r["source_ref"]), str(r["excerpt"]))
        for _, r in top.iterrows()
        if isinstance(r["excerpt"], str) and r["excerpt"]
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
