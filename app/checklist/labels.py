"""The checklist's frames as a reader sees them: codes as labels, columns named in the
reader's language. Pure (pandas and a translator); the page only draws what these give.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from app.checklist.model import STATUSES, ItemState
from app.core import md
from app.core.i18n import column_name

Translator = Callable[..., str]
ITEM_COLUMNS = ("rec_id", "title", "addresses", "status", "owner", "due", "notes")
LOG_COLUMNS = ("version", "who", "at", "field", "old", "new")


def status(t: Translator, code: str) -> str:
    return t(f"checklist.status_{code}")


def title_column(lang: str) -> str:
    return str(column_name("title", lang))


def detail_column(lang: str) -> str:
    return str(column_name("detail", lang))


def groups(progress: pd.DataFrame, titles: pd.Series, t: Translator) -> pd.DataFrame:
    """Progress per group (table.progress) with each group's title, columns labelled."""
    out = progress.copy()
    out.insert(1, "title", out["group_id"].map(titles))
    return out.rename(
        columns={
            "group_id": t("checklist.col_item"),
            "title": t("checklist.col_title"),
            **{s: status(t, s) for s in STATUSES},
            "total": t("checklist.col_total"),
            "done_share": t("checklist.col_done_share"),
        }
    )


def item_rows(frame: pd.DataFrame, lang: str, t: Translator) -> pd.DataFrame:
    """The items table: one row per item, the gap and the status as labels (made in one
    step: the page draws it on every rerun)."""

    def labelled(codes: pd.Series, label: Callable[[str], str]) -> pd.Series:
        return pd.Series([label(c) for c in codes], index=codes.index, dtype="str")

    values = {
        "rec_id": frame["rec_id"],
        "title": frame[title_column(lang)],
        "addresses": labelled(frame["addresses"], lambda d: t(f"checklist.dim_{d}")),
        "status": labelled(frame["status"], lambda s: status(t, s)),
        "owner": frame["owner"],
        "due": frame["due"].fillna(""),
        "notes": frame["notes"],
    }
    headers = {c: t(f"checklist.col_{c}") for c in ITEM_COLUMNS} | {
        "rec_id": t("checklist.col_item")
    }
    return pd.DataFrame({headers[c]: values[c] for c in ITEM_COLUMNS})


def history(log: pd.DataFrame, t: Translator, when: Callable[[object], str]) -> pd.DataFrame:
    """One item's audit rows (store.audit_log), fields and columns labelled, times as the
    reader writes them (when), each change's author by name where one was given."""
    out = log.drop(columns=["rec_id", "who_name"])
    # who as people read it: the shown name (signed-in or typed), else the identity
    out["who"] = log["who_name"].where(log["who_name"].fillna("") != "", log["who"])
    out["field"] = out["field"].map(lambda f: t(f"checklist.col_{f}"))
    out["at"] = out["at"].map(when)
    return out.rename(columns={c: t(f"checklist.log_{c}") for c in LOG_COLUMNS}).fillna("")


def stored_by(state: ItemState, t: Translator, when: Callable[[object], str]) -> str:
    """Which version is stored, by whom and when (Markdown: the name escaped)."""
    who = md.escape(state.updated_by or t("app.unknown"))
    return t("checklist.conflict_meta", version=state.version, who=who, at=when(state.updated_at))


def stored_text(state: ItemState, t: Translator) -> str:
    """What is stored now, as plain text beside the editor's own (a stale save)."""
    return (
        f"{t('checklist.col_status')}: {status(t, state.status)}\n"
        f"{t('checklist.col_owner')}: {state.owner}\n"
        f"{t('checklist.col_due')}: {state.due or ''}\n"
        f"{t('checklist.col_notes')}: {state.notes}"
    )
