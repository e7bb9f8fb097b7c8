"""The checklist for a meeting: a spreadsheet of the items, a Markdown handout, the log.

Spreadsheets go through the app's one writer (app.data.exports: formula-like text is
neutralised); Markdown text through the one escaping helper (app.core.md), so a note
typed by a user is shown as typed, never as markup.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd

from app.checklist.store import audit_log
from app.checklist.table import overall
from app.core import md
from app.core.i18n import column_name, translator
from app.data import exports

COLUMNS = [
    "rec_id",
    "category",
    "parent_id",
    "title",
    "detail",
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


def export_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The columns a meeting needs, in the chosen language (text cells; exports neutralise)."""
    title, detail = column_name("title", lang), column_name("detail", lang)
    return frame.rename(columns={title: "title", detail: "detail"})[COLUMNS]


def items_xlsx(frame: pd.DataFrame, lang: str) -> bytes:
    return exports.to_bytes(export_frame(frame, lang), "xlsx", "checklist")


def audit_xlsx() -> bytes:
    """The whole change log, newest first."""
    return exports.to_bytes(audit_log(), "xlsx", "audit")


def _cell(value: object) -> str:
    """Text safe inside a Markdown table cell: escaped (app.core.md), on one line."""
    return md.escape(value).replace("\r", "").replace("\n", "<br>")


def to_markdown(frame: pd.DataFrame, lang: str) -> str:
    """A meeting handout: progress, then each item with status, owner, due and notes."""
    t = translator(lang)
    title = column_name("title", lang)
    done, total = overall(frame)
    lines = [f"# {_cell(t('checklist.title'))}", ""]
    lines.append(_cell(t("checklist.progress_overall", done=done, total=total)))
    lines.append("")
    header = [t(f"checklist.col_{c}") for c in ("item", "status", "owner", "due", "notes")]
    for group_id, group in frame.groupby("group_id", sort=False):
        head = group[group["rec_id"] == group_id]
        name = head.iloc[0][title] if len(head) else group_id
        lines += [f"## {_cell(group_id)} {_cell(name)}", ""]
        lines.append("| " + " | ".join(_cell(h) for h in header) + " |")
        lines.append("|" + "---|" * len(header))
        for r in group.itertuples():
            cells = [
                f"{r.rec_id} {getattr(r, title)}",
                t(f"checklist.status_{r.status}"),
                r.owner,
                r.due or "",
                r.notes,
            ]
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def markdown_file_name(when: datetime | None = None) -> str:
    """e.g. checklist-2026-11-27T0930.md: stamped like every download (exports.file_name)."""
    return str(Path(exports.file_name("checklist", "csv", when)).with_suffix(".md"))
