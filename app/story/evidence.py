"""The source's own words on a slide: excerpts behind reported figures, verbatim sentences.

Nothing here rewrites the source: an excerpt is a paragraph's text or a sentence cut from
it at 。, and a Chinese reader also gets its Simplified rendering (the source is in
Traditional characters).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import pandas as pd

from app.story.model import Excerpt

MODEL_SENTENCE_MARK: Final = "上下對口"  # ¶5: the model provinces' vertically matched structure


def paragraph(sources: pd.DataFrame, source_ref: str) -> str:
    rows = sources[sources["source_ref"] == source_ref]
    return "" if rows.empty else str(rows.iloc[0]["excerpt"])


def sentence(text: str, mark: str) -> str:
    """The sentence of text (split at 。) that contains mark, verbatim; '' when absent."""
    for part in text.split("。"):
        if mark in part:
            return part.strip() + "。"
    return ""


def sentences(sources: pd.DataFrame, source_ref: str, marks: Sequence[str]) -> tuple[Excerpt, ...]:
    """The sentences of one paragraph holding each mark, each once, in the order asked."""
    text = paragraph(sources, source_ref)
    found = dict.fromkeys(sentence(text, mark) for mark in marks)
    return tuple(Excerpt(source_ref, s) for s in found if s)


def model_sentence(sources: pd.DataFrame) -> tuple[Excerpt, ...]:
    """¶5's sentence on the model provinces' vertically matched structure (if present)."""
    return sentences(sources, "article#p5", [MODEL_SENTENCE_MARK])


def _excerpt_for(reported: pd.DataFrame, figure_id: str) -> Excerpt | None:
    rows = reported[reported["figure_id"] == figure_id]
    if rows.empty or not isinstance(rows.iloc[0]["excerpt"], str):
        return None
    return Excerpt(str(rows.iloc[0]["source_ref"]), str(rows.iloc[0]["excerpt"]))


def figure_excerpts(reported: pd.DataFrame, figure_ids: Sequence[str]) -> tuple[Excerpt, ...]:
    """The excerpts behind reported figures, each verbatim text once, in the order asked."""
    out: list[Excerpt] = []
    for fid in figure_ids:
        ex = _excerpt_for(reported, fid)
        if ex and all(ex.text != o.text for o in out):
            out.append(ex)
    return tuple(out)


def figure_value(reported: pd.DataFrame, figure_id: str) -> tuple[int | None, int | None]:
    """(computed, reported) for one figure of v_reported_vs_computed; None when missing."""
    rows = reported[reported["figure_id"] == figure_id]
    if rows.empty:
        return None, None
    r = rows.iloc[0]
    computed = None if pd.isna(r["computed"]) else int(r["computed"])
    return computed, (None if pd.isna(r["reported"]) else int(r["reported"]))
