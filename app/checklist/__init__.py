"""The recommendation checklist: items from the source, progress kept in the state file.

Every item of the recommendations table (recommendations, integrations, their actions,
the working principles) carries status, owner, due date and notes. Each save is one
SQLite transaction that checks the item's version first (optimistic concurrency: a save
based on a stale version is refused, never silently applied) and writes an audit row
per changed field (who, when, field, old, new).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pandas as pd
import streamlit as st
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from app.core import md
from app.core.errors import UserError
from app.data import state_db

OWNER_MAX = 80
NOTES_MAX = 4000
WHO_MAX = 80
EDIT_FIELDS = ("status", "owner", "due", "notes")
CATEGORY_ORDER = ("recommendation", "integration", "principle")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"


STATUSES = tuple(s.value for s in Status)


def _clean(text: str) -> str:
    return _CONTROL.sub("", text).strip()


class ItemEdit(BaseModel):
    """What an editor may change on an item."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: Status = Status.NOT_STARTED
    owner: Annotated[str, StringConstraints(max_length=OWNER_MAX)] = ""
    due: date | None = None
    notes: Annotated[str, StringConstraints(max_length=NOTES_MAX)] = ""

    def stored(self) -> dict[str, str | None]:
        return {
            "status": self.status.value,
            "owner": _clean(self.owner),
            "due": self.due.isoformat() if self.due else None,
            "notes": _CONTROL.sub("", self.notes).rstrip(),
        }


class EditError(UserError):
    """Bad input: `key` is the i18n key of the message, `values` its parameters."""


@dataclass(frozen=True)
class ItemState:
    rec_id: str
    status: str
    owner: str
    due: str | None
    notes: str
    version: int
    updated_at: str | None
    updated_by: str | None

    def edit(self) -> ItemEdit:
        return ItemEdit(
            status=Status(self.status),
            owner=self.owner,
            due=date.fromisoformat(self.due) if self.due else None,
            notes=self.notes,
        )


def blank(rec_id: str) -> ItemState:
    return ItemState(rec_id, Status.NOT_STARTED.value, "", None, "", 0, None, None)


class StaleEdit(RuntimeError):
    """The item changed since the editor loaded it; `current` is what is stored now."""

    def __init__(self, current: ItemState) -> None:
        super().__init__(f"{current.rec_id} is at version {current.version}")
        self.current = current


def make_edit(status: str, owner: str, due: date | str | None, notes: str) -> ItemEdit:
    """Validate form values; EditError names what is wrong."""
    if len(owner or "") > OWNER_MAX:
        raise EditError("checklist.error_owner_long", n=OWNER_MAX)
    if len(notes or "") > NOTES_MAX:
        raise EditError("checklist.error_notes_long", n=NOTES_MAX)
    if status not in STATUSES:
        raise EditError("checklist.error_status")
    try:
        return ItemEdit(status=status, owner=owner or "", due=due or None, notes=notes or "")
    except ValidationError as exc:
        field = str(exc.errors()[0]["loc"][0]) if exc.errors() else "?"
        raise EditError("checklist.error_field", field=field) from exc


def editor_name(name: str | None) -> str:
    """The name an editor gives once per session; EditError when empty or too long."""
    cleaned = _clean(name or "")
    if not cleaned:
        raise EditError("checklist.error_who_missing")
    if len(cleaned) > WHO_MAX:
        raise EditError("checklist.error_who_long", n=WHO_MAX)
    return cleaned


def _state(row) -> ItemState:
    return ItemState(
        row["rec_id"],
        row["status"],
        row["owner"],
        row["due"],
        row["notes"],
        int(row["version"]),
        row["updated_at"],
        row["updated_by"],
    )


def get_item(rec_id: str, path: Path | None = None) -> ItemState:
    with state_db.reading(path) as con:
        row = con.execute("SELECT * FROM checklist_item WHERE rec_id = ?", [rec_id]).fetchone()
    return _state(row) if row else blank(rec_id)


def all_states(path: Path | None = None) -> dict[str, ItemState]:
    with state_db.reading(path) as con:
        rows = con.execute("SELECT * FROM checklist_item").fetchall()
    return {r["rec_id"]: _state(r) for r in rows}


def save_item(
    rec_id: str,
    base_version: int,
    edit: ItemEdit,
    who: str,
    path: Path | None = None,
    known: set[str] | None = None,
) -> ItemState:
    """Apply an edit made on version base_version; StaleEdit if someone saved since.

    Returns the stored state (unchanged version when nothing differs).
    """
    if known is not None and rec_id not in known:
        raise EditError("checklist.error_unknown_item", rec_id=rec_id)
    who = editor_name(who)
    new = edit.stored()
    with state_db.transaction(path) as con:
        row = con.execute("SELECT * FROM checklist_item WHERE rec_id = ?", [rec_id]).fetchone()
        current = _state(row) if row else blank(rec_id)
        if current.version != base_version:
            raise StaleEdit(current)
        old = {f: getattr(current, f) for f in EDIT_FIELDS}
        changed = [f for f in EDIT_FIELDS if (old[f] or None) != (new[f] or None)]
        if not changed:
            return current
        version = current.version + 1
        at = state_db.now()
        con.execute(
            "INSERT INTO checklist_item (rec_id, status, owner, due, notes, version,"
            " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (rec_id) DO UPDATE SET status = excluded.status,"
            " owner = excluded.owner, due = excluded.due, notes = excluded.notes,"
            " version = excluded.version, updated_at = excluded.updated_at,"
            " updated_by = excluded.updated_by",
            [rec_id, new["status"], new["owner"], new["due"], new["notes"], version, at, who],
        )
        con.executemany(
            "INSERT INTO checklist_audit (rec_id, who, at, field, old, new, version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(rec_id, who, at, f, old[f], new[f], version) for f in changed],
        )
    return ItemState(
        rec_id,
        str(new["status"]),
        str(new["owner"]),
        new["due"],
        str(new["notes"]),
        version,
        at,
        who,
    )


def audit_log(rec_id: str | None = None, path: Path | None = None) -> pd.DataFrame:
    """Every change, newest first (optionally of one item)."""
    sql = "SELECT rec_id, version, who, at, field, old, new FROM checklist_audit"
    params: list[str] = []
    if rec_id:
        sql += " WHERE rec_id = ?"
        params.append(rec_id)
    with state_db.reading(path) as con:
        rows = con.execute(sql + " ORDER BY id DESC", params).fetchall()
    columns = ["rec_id", "version", "who", "at", "field", "old", "new"]
    return pd.DataFrame([dict(r) for r in rows], columns=columns, dtype=object)


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
    recommendations: pd.DataFrame, sources: pd.DataFrame, path: Path | None = None
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
    states = all_states(path)
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
    out = frame
    if statuses:
        out = out[out["status"].isin(statuses)]
    if owners:
        out = out[out["owner"].isin(owners)]
    return out


@st.cache_data(show_spinner=False, max_entries=64)
def progress(frame: pd.DataFrame, by: str = "group_id") -> pd.DataFrame:
    """Items per status and share done, per `by` value (group_id or group_category)."""
    counts = pd.crosstab(frame[by], frame["status"]).reindex(columns=list(STATUSES), fill_value=0)
    counts["total"] = counts.sum(axis=1)
    counts["done_share"] = counts["done"] / counts["total"]
    order = list(dict.fromkeys(frame[by]))
    return counts.reindex(order).reset_index()


def overall(frame: pd.DataFrame) -> tuple[int, int]:
    """(done, total) over the frame."""
    return int((frame["status"] == Status.DONE.value).sum()), len(frame)


def export_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The columns a meeting needs, in the chosen language (text cells; exports neutralise)."""
    title = "title_zh" if lang == "zh" else "title_en"
    detail = "detail_zh" if lang == "zh" else "detail_en"
    return frame[
        [
            "rec_id",
            "category",
            "parent_id",
            title,
            detail,
            "addresses",
            "status",
            "owner",
            "due",
            "notes",
            "version",
            "updated_at",
            "updated_by",
            "source_ref",
            "excerpt",
        ]
    ].rename(columns={title: "title", detail: "detail"})


def md_text(value: object) -> str:
    """Text safe inside a Markdown table cell (app.md.escape, one line)."""
    return md.escape(value).replace("\r", "").replace("\n", "<br>")


def to_markdown(frame: pd.DataFrame, lang: str, t: Callable[..., str]) -> str:
    """A meeting handout: progress, then each item with status, owner, due and notes.

    Cached by the frame's content and the language (the page offers it on every rerun):
    t must be the language's translator (app.i18n.translator(lang))."""
    return _to_markdown(frame, lang, t)


@st.cache_data(show_spinner=False, max_entries=32)
def _to_markdown(frame: pd.DataFrame, lang: str, _t: Callable[..., str]) -> str:
    t = _t
    title = "title_zh" if lang == "zh" else "title_en"
    done, total = overall(frame)
    lines = [f"# {md_text(t('checklist.title'))}", ""]
    lines.append(md_text(t("checklist.progress_overall", done=done, total=total)))
    lines.append("")
    header = [t(f"checklist.col_{c}") for c in ("item", "status", "owner", "due", "notes")]
    for group_id, group in frame.groupby("group_id", sort=False):
        head = group[group["rec_id"] == group_id]
        name = head.iloc[0][title] if len(head) else group_id
        lines += [f"## {md_text(group_id)} {md_text(name)}", ""]
        lines.append("| " + " | ".join(md_text(h) for h in header) + " |")
        lines.append("|" + "---|" * len(header))
        for r in group.itertuples():
            cells = [
                f"{r.rec_id} {getattr(r, title)}",
                t(f"checklist.status_{r.status}"),
                r.owner,
                r.due or "",
                r.notes,
            ]
            lines.append("| " + " | ".join(md_text(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def markdown_file_name(when: datetime | None = None) -> str:
    """e.g. checklist-2026-11-27T0930.md (named like app.exports.file_name)."""
    return f"checklist-{(when or datetime.now()).strftime('%Y-%m-%dT%H%M')}.md"
