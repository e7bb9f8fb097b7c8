"""Why a row of a source file cannot be used, as a catalogue key ("build.<code>") and values.

The build reports these, and the roster import shows the same ones for the same rules, so
a refusal reads the same on the command line (English) and in either language of the UI.
Pydantic's own error text is never shown: each kind of error it reports maps to a message
here, with the values it names (the allowed codes, the limit) taken from the model.
"""

from __future__ import annotations

import typing
from enum import Enum

from pydantic import ValidationError

from app.core.errors import Problem as LocatedProblem
from app.core.errors import Term
from app.core.fields import Row
from app.core.i18n import translator
from app.core.md import excerpt

# pydantic error type -> message code under "build."
_BY_TYPE = {
    "enum": "bad_code",
    "string_type": "required",
    "string_too_short": "required",
    "missing": "required",
    "too_long": "too_long",
    "string_too_long": "too_long",
    "int_parsing": "not_integer",
    "int_type": "not_integer",
    "int_from_float": "not_integer",
    "bool_parsing": "not_boolean",
    "bool_type": "not_boolean",
    "greater_than_equal": "too_small",
    "greater_than": "too_small",
    "less_than_equal": "too_large",
    "less_than": "too_large",
    "extra_forbidden": "unknown_column",
    "bad_adcode": "bad_adcode",
    "bad_source_ref": "bad_source_ref",
    "bad_happened": "bad_happened",
    "bad_url": "bad_url",
    "not_simplified": "not_simplified",
}
LEVELS = ("province", "city", "county")


class Problem(LocatedProblem):
    """One reason a row of `file` cannot be used: where it is and what is wrong."""

    def __init__(self, file: str, line: int, column: str, code: str, /, **values: object) -> None:
        self.file = file
        self.code = code
        super().__init__(line, column, f"build.{code}", **values)

    def __str__(self) -> str:
        text = self.message(translator("en"))
        return f"{self.file}:{self.line}: column {self.column!r}: {text}"


def level_term(level: object) -> object:
    """A level code as a word of the reader's language (other values as they are)."""
    return Term(f"build.level_{level}") if level in LEVELS else level


def _allowed(model: type[Row], column: str) -> str:
    """The codes an enum column allows, from the model itself."""
    field = model.model_fields.get(column)
    todo = [field.annotation] if field is not None else []
    while todo:
        kind = todo.pop()
        if isinstance(kind, type) and issubclass(kind, Enum):
            return ", ".join(str(v.value) for v in kind)
        todo.extend(typing.get_args(kind))
    return ""


def cell_problems(model: type[Row], err: ValidationError, file: str, line: int) -> list[Problem]:
    """A problem per cell pydantic refused, as a catalogue message with its values."""
    out = []
    for e in err.errors():
        column = ".".join(str(part) for part in e["loc"]) or "(row)"
        code = _BY_TYPE.get(e["type"], "invalid")
        ctx = e.get("ctx") or {}
        raw = e.get("input")
        value = excerpt("" if raw is None or isinstance(raw, dict) else raw)
        values: dict[str, object] = {"value": value}
        if code == "bad_code":
            values["allowed"] = _allowed(model, column)
        elif code == "too_long":
            values |= {"n": len(str(raw).strip()), "max": ctx.get("max_length", "")}
        elif code in ("too_small", "too_large"):
            limit = next((ctx[k] for k in ("ge", "gt", "le", "lt") if k in ctx), "")
            values["limit"] = limit
        elif code == "unknown_column":
            values["expected"] = ", ".join(model.model_fields)
        elif code == "invalid":
            values["kind"] = e["type"]  # pydantic's error code, an identifier
        out.append(Problem(file, line, column, code, **values))
    return out
