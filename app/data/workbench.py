"""The SQL workbench: saved queries, their named parameters, and running one statement.

A saved query is a file sql/queries/<name>.sql that opens with a comment header:

    -- title: County agencies by host
    -- purpose: How many county agencies each host has, for the chosen snapshot.
    -- param min_n: int 1

A parameter line is `-- param NAME: TYPE DEFAULT` with TYPE one of int, float, text,
bool; the statement refers to it as $NAME and DuckDB binds the value (never pasted into
the SQL text). The header travels with the text in the editor (and in the URL), so an
edited query keeps its parameters. Statements run on the read-only engine of
app.sandbox in a worker of app.query_pool, exactly as `python -m app query` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from app.core import md
from app.core.config import QUERIES_DIR
from app.data import sandbox
from app.data.query_pool import QueryPool, QueryResult

PARAM_TYPES = ("int", "float", "text", "bool")
HEADER = re.compile(r"^--\s*(title|purpose|title_zh|purpose_zh)\s*:\s*(.*)$", re.IGNORECASE)
PARAM = re.compile(r"^--\s*param\s+([A-Za-z_]\w*)\s*:\s*([A-Za-z]+)\s*(.*)$", re.IGNORECASE)
PLACEHOLDER = re.compile(r"(?<![\w$])\$([A-Za-z_]\w*)")
MAX_DISPLAY_ROWS = 1000  # shown on the page
# What one run may fetch for the page and its downloads; a larger result stops there.
LIMITS = sandbox.Limits(timeout_s=5.0, max_rows=200_000, max_bytes=64 * 1024 * 1024)


class BadParameter(sandbox.SqlProblem):
    """A parameter value does not fit its declared type; the message says which."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # one of PARAM_TYPES
    default: str  # as written in the header


@dataclass(frozen=True)
class SavedQuery:
    name: str  # file stem
    title: str
    purpose: str
    title_zh: str
    purpose_zh: str
    sql: str  # the whole file, header included
    params: tuple[Param, ...]


def parse_params(sql: str) -> tuple[Param, ...]:
    """Declared parameters, then any $name the text uses without a declaration (as text)."""
    declared: dict[str, Param] = {}
    for line in sql.splitlines():
        m = PARAM.match(line.strip())
        if m:
            name, kind, default = m.group(1), m.group(2).lower(), m.group(3).strip()
            declared.setdefault(name, Param(name, kind if kind in PARAM_TYPES else "text", default))
    body = _code_only(sql)
    for name in PLACEHOLDER.findall(body):
        declared.setdefault(name, Param(name, "text", ""))
    used = set(PLACEHOLDER.findall(body))
    return tuple(p for p in declared.values() if p.name in used)


_NOT_CODE = re.compile(r"--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"", re.DOTALL)


def _code_only(sql: str) -> str:
    """The text without comments and literals, so '$x' in either is no parameter."""
    return _NOT_CODE.sub(" ", sql)


def parse_query(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        m = HEADER.match(line.strip())
        if m:
            fields[m.group(1).lower()] = m.group(2).strip()
    title = fields.get("title", path.stem)
    purpose = fields.get("purpose", "")
    return SavedQuery(
        name=path.stem,
        title=title,
        purpose=purpose,
        title_zh=fields.get("title_zh", title),
        purpose_zh=fields.get("purpose_zh", purpose),
        sql=text,
        params=parse_params(text),
    )


def saved_queries(queries_dir: Path = QUERIES_DIR) -> list[SavedQuery]:
    return [parse_query(p) for p in sorted(queries_dir.glob("*.sql"))]


def coerce(param: Param, value: object) -> object:
    """A widget's (or the header default's) value as the declared type."""
    if param.type == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no", ""):
            return False
        raise BadParameter("bad_param_bool", name=param.name, value=md.excerpt(value))
    if param.type in ("int", "float"):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return int(value) if param.type == "int" else float(value)
        try:
            return int(str(value).strip()) if param.type == "int" else float(str(value).strip())
        except ValueError as err:
            raise BadParameter(
                f"bad_param_{param.type}", name=param.name, value=md.excerpt(value)
            ) from err
    return "" if value is None else str(value)


def bind(params: tuple[Param, ...], values: dict[str, object]) -> dict[str, object]:
    """The named values to hand DuckDB: the given value, else the header default."""
    return {p.name: coerce(p, values.get(p.name, p.default)) for p in params}


def run(
    pool: QueryPool,
    sql: str,
    values: dict[str, object] | None = None,
    snapshot: str | None = None,
    limits: sandbox.Limits = LIMITS,
) -> QueryResult:
    """Check and run one read-only statement with its parameters bound by DuckDB.

    Raises a sandbox.SqlProblem (refused, timeout, failed, engine fault) or BadParameter."""
    bound = bind(parse_params(sql), values or {})
    return pool.run(sql, bound or None, snapshot, limits)
