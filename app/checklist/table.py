"""The checklist as one frame: every item of the source with its words and stored progress.

Items are the rows of the recommendations table (recommendations, integrations, their
actions, the working principles) in source order, grouped under their top-level item;
progress is counted from the stored statuses, never typed in.
"""

from __future__ import annotations

import pandas as pd

from app.checklist.model import CATEGORY_ORDER, EDIT_FIELDS, STATUSES, Status, blank
from app.checklist.store import all_states
from app.data.store import Store


def paragraph_excerpt(detail_zh: str, paragraph: str, paragraph_zh_hans: str) -> str:
    """The item's own words in the source's characters: its sentence located in the paragraph.

    detail_zh is in simplified characters; the paragraph is traditional with a simplified
    twin of the same length, so the same offsets give the traditional sentence. Falls back
    to the whole paragraph when it cannot be located.
    """
    at = paragraph_zh_hans.find(detail_zh)
    if at < 0 or len(paragraph) != len(paragraph_zh_hans):
        return paragraph
    return paragraph[at : at + len(detail_zh)]


def items(
    recommendations: pd.DataFrame, sources: pd.DataFrame, store: Store | None = None
) -> pd.DataFrame:
    """Every checklist item with its source excerpt and stored progress, in source order."""
    recs = recommendations.copy()
    recs["group_id"] = recs["parent_id"].fillna(recs["rec_id"])
    recs["parent_id"] = recs["parent_id"].fillna("")  # "" = a top-level item
    groups = recs.set_index("rec_id")["category"]
    recs["group_category"] = recs["group_id"].map(groups)
    paras = sources.set_index("source_ref")
    recs["excerpt"] = [
        paragraph_excerpt(
            r.detail_zh,
            paras.at[r.source_ref, "excerpt"],
            paras.at[r.source_ref, "excerpt_zh_hans"],
        )
        if r.source_ref in paras.index
        else None
        for r in recs.itertuples()
    ]
    states = all_states(store)
    for f in (*EDIT_FIELDS, "version", "updated_at", "updated_by"):
        recs[f] = [getattr(states.get(i, blank(i)), f) for i in recs["rec_id"]]
    order = {c: n for n, c in enumerate(CATEGORY_ORDER)}
    recs["_order"] = recs["group_category"].map(order).fillna(len(order))
    recs["_pos"] = range(len(recs))
    return (
        recs.sort_values(["_order", "_pos"]).drop(columns=["_order", "_pos"]).reset_index(drop=True)
    )


def filtered(
    frame: pd.DataFrame, statuses: list[str] | None = None, owners: list[str] | None = None
) -> pd.DataFrame:
    """The items with one of `statuses` and one of `owners` (an empty list: any)."""
    out = frame
    if statuses:
        out = out[out["status"].isin(statuses)]
    if owners:
        out = out[out["owner"].isin(owners)]
    return out


def progress(frame: pd.DataFrame, by: str = "group_id") -> pd.DataFrame:
    """Items per status and share done, per `by` value (group_id or group_category)."""
    counts = pd.crosstab(frame[by], frame["status"]).reindex(columns=list(STATUSES), fill_value=0)
    counts["total"] = counts.sum(axis=1)
    counts["done_share"] = counts["done"] / counts["total"]
    order = list(dict.fromkeys(frame[by]))
    return counts.reindex(order).reset_index()


def recorded(frame: pd.DataFrame) -> pd.DataFrame:
    """The items someone has given a status in this app (the rest are "not recorded")."""
    return frame[frame["status"] != Status.NOT_RECORDED.value]


def last_saved(frame: pd.DataFrame) -> tuple[str | None, str | None]:
    """(when, who) of the newest save among the items; (None, None) when none was saved."""
    saved = frame[frame["version"] > 0]
    if saved.empty:
        return None, None
    newest = saved.sort_values("updated_at", kind="stable").iloc[-1]
    return newest["updated_at"], newest["updated_by"]


def overall(frame: pd.DataFrame) -> tuple[int, int]:
    """(done, total) over the frame."""
    return int((frame["status"] == Status.DONE.value).sum()), len(frame)


def owner_choices(frame: pd.DataFrame) -> list[str]:
    """The owners named on any item, sorted (the owner filter's choices)."""
    return sorted(o for o in frame["owner"].unique() if o)
