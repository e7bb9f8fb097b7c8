"""The one shape of a refusal a user reads: a catalogue key and the values it names.

Every layer raises or returns a subclass (a refused query, a bad checklist edit, a bad
scenario step, a bad row of a source or roster file...); the UI shows `message(t)` in the
reader's language with the values escaped, and str() is the English text for the command
line and logs. A value that is itself a word of the catalogue (a level, a kind of unit)
is a `Term`: message() shows it in the reader's language too.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.i18n import translator


class Term(str):
    """A catalogue key given as a value ("build.level_city"): shown translated."""


class UserError(Exception):
    """`key` is a full catalogue key ("checklist.error_owner_long"); `values` fill it."""

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(self.message(translator("en")))

    def message(self, t: Callable[..., str]) -> str:
        values = {k: t(v) if isinstance(v, Term) else v for k, v in self.values.items()}
        return t(self.key, **values)


class Problem(UserError):
    """A refusal tied to a place in a file: `line` as a spreadsheet numbers it (1 = the
    header, 0 = the file as a whole) and `column` (a name, or "(file)", "(row)", ...).

    Problems are values: two with the same place, key and values are equal."""

    def __init__(self, line: int, column: str, key: str, /, **values: object) -> None:
        self.line = line
        self.column = column
        super().__init__(key, **values)

    def _identity(self) -> tuple:
        return (type(self), self.line, self.column, self.key, sorted(self.values.items()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash((self.line, self.column, self.key))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.line}, {self.column!r}, {self.key!r}, {self.values!r})"
