"""What the reported-vs-computed checks show, read from v_reported_vs_computed.

A match means two different things (the view's `basis` column says which): where the
rows each name their unit (the cities, the county-level units), counting them confirms
the source; where the rows were written from the very number the source states (county
agencies whose county is not named, push-model codes, recommendations), a match only
shows those rows are consistent with it. Readers are told which is which.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

NAMED = "named_rows"
PLACEHOLDER = "placeholder_rows"
NOT_COMPUTABLE = "not_computable"


@dataclass(frozen=True)
class Checks:
    confirmed: tuple[str, ...]  # figure_ids that match on rows naming their unit
    consistent: tuple[str, ...]  # figure_ids that match on rows written from the number
    differs: tuple[str, ...]
    not_computable: tuple[str, ...]


def summarise(figures: pd.DataFrame) -> Checks:
    """The view's rows sorted by what their status and basis show (no figure recomputed)."""

    def ids(mask: pd.Series) -> tuple[str, ...]:
        return tuple(str(f) for f in figures.loc[mask, "figure_id"])

    match = figures["status"] == "match"
    return Checks(
        confirmed=ids(match & (figures["basis"] == NAMED)),
        consistent=ids(match & (figures["basis"] == PLACEHOLDER)),
        differs=ids(figures["status"] == "differs"),
        not_computable=ids(figures["status"] == NOT_COMPUTABLE),
    )


def match_note_key(status: str, basis: str) -> str:
    """The catalogue key of the short note beside one figure: what its check shows."""
    if status == NOT_COMPUTABLE:
        return "checks.note_not_computable"
    if status == "differs":
        return "checks.note_differs"
    return "checks.note_confirmed" if basis == NAMED else "checks.note_consistent"
