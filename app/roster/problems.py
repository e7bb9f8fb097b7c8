"""How the importer reports a refusal: one ImportProblem per reason, with short excerpts.

An ImportProblem is the project's one shape of refusal (app.core.errors: a catalogue key
and its values) placed at a row and column of the file: reading problems have keys under
"importer.problem_", the build's row rules keep their own "build." keys, so a rule reads
the same wherever it refuses. A problem never carries a whole value from the file:
values, column names and details are cut to an excerpt, so a huge cell cannot flood the
page, the report or the terminal.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.core.errors import Problem

DETAIL_CHARS = 300  # of a detail quoted from elsewhere (the allowed host codes take 230)
# Columns that name no column of the file, as the report shows them.
PLACES = {
    "(file)": "importer.where_file",
    "(row)": "importer.where_row",
    "(header)": "importer.where_header",
    "(empty)": "importer.where_empty",
}


class ImportProblem(Problem):
    """One reason the file cannot be imported: row (as a spreadsheet numbers it; 0 = the
    whole file), column, and a full catalogue key with its values."""

    @property
    def code(self) -> str:
        """The key's last part: "importer.problem_too_big" -> "too_big"."""
        return self.key.rsplit(".", 1)[-1].removeprefix("problem_")

    @property
    def params(self) -> Mapping[str, object]:
        return self.values

    @classmethod
    def of(cls, problem: Problem, line: int | None = None) -> ImportProblem:
        """Another layer's problem (a build rule) at a row of the roster."""
        at = problem.line if line is None else line
        return cls(at, problem.column, problem.key, **problem.values)


def problem(line: int, column: str, code: str, /, **values: object) -> ImportProblem:
    """A problem of reading the file: its message is "importer.problem_<code>"."""
    return ImportProblem(line, column, f"importer.problem_{code}", **values)


def whole_file(code: str, /, **values: object) -> ImportProblem:
    """A problem with the file as a whole (row 0)."""
    return problem(0, "(file)", code, **values)
