"""The checklist as one frame: every item of the source with its words and stored progress.

Items are the rows of the recommendations table (recommendations, integrations, their
actions, the working principles) in source order, grouped under their top-level item;
progress is counted from the stored statuses, never typed in.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from app.checklist.model import CATEGORY_ORDER, EDIT_FIELDS, STATUSES, Status, blank
from app.checklist.store import all_states
from app.data.store import Store

STATE_FIELDS = (*EDIT_FIELDS, "version", "updated_at", "updated_by")  # stored per item


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
    """Every checklist item with its source excerpt and stored progress, in source order.

    Built row by row in Python and made a frame once: a few dozen rows, read on every
    rerun of the checklist, where per-column pandas steps cost several times more.
    """
    names = list(recommendations.columns)
    values = zip(*(recommendations[c].tolist() for c in names), strict=True)
    rows = [dict(zip(names, v, strict=True)) for v in values]  # a third of to_dict's time
    category = {r["rec_id"]: r["category"] for r in rows}
    words = zip(sources["excerpt"], sources["excerpt_zh_hans"], strict=True)
    paras = dict(zip(sources["source_ref"], words, strict=True))
    states = all_states(store)
    order = {c: n for n, c in enumerate(CATEGORY_ORDER)}
    for r in rows:
        parent = r["parent_id"]
        r["group_id"] = r["rec_id"] if pd.isna(parent) else parent
        r["parent_id"] = "" if pd.isna(parent) else parent  # "" = a top-level item
        r["group_category"] = category.get(r["group_id"])
        para = paras.get(r["source_ref"])
        r["excerpt"] = None if para is None else paragraph_excerpt(r["detail_zh"], *para)
        state = states.get(r["rec_id"]) or blank(r["rec_id"])
        for f in STATE_FIELDS:
            r[f] = getattr(state, f)
    rows.sort(key=lambda r: order.get(r["group_category"], len(order)))  # stable: source order
    columns = [*names, "group_id", "group_category", "excerpt", *STATE_FIELDS]
    return pd.DataFrame({c: [r[c] for r in rows] for c in dict.fromkeys(columns)})


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
    """Items per status and share done, per `by` value (group_id or group_category), in
    the order the values first appear."""
    counts: dict[str, Counter[str]] = {}
    for key, status in zip(frame[by], frame["status"], strict=True):
        counts.setdefault(key, Counter())[status] += 1
    per_status = {s: np.array([c[s] for c in counts.values()], dtype=np.int64) for s in STATUSES}
    totals = sum(per_status.values(), np.zeros(len(counts), dtype=np.int64))
    keys = pd.Series(list(counts), dtype=frame[by].dtype)
    out = pd.DataFrame(
        {by: keys, **per_status, "total": totals, "done_share": per_status["done"] / totals}
    )
    out.columns.name = "status"  # as pd.crosstab names them
    return out


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
