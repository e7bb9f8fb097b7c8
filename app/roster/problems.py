"""How the importer reports a refusal: one ImportProblem per reason, with short excerpts.

A problem never carries a whole value from the file: values, column names and details
are cut to an excerpt, so a huge cell cannot flood the page, the report or the terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DETAIL_CHARS = 300  # of a rule's own sentence (the allowed host codes take 230)


@dataclass(frozen=True)
class ImportProblem:
    """One reason the file cannot be imported: row (as a spreadsheet numbers it; 0 = the
    whole file), column, and a message key under "importer.problem_" with its values."""

    line: int
    column: str
    code: str
    params: Mapping[str, object] = field(default_factory=dict)


def whole_file(code: str, **params: object) -> ImportProblem:
    """A problem with the file as a whole (row 0)."""
    return ImportProblem(0, "(file)", code, params)
