"""The SQL workbench: saved queries, their named parameters, and running one statement.

A saved query is a file sql/queries/<name>.sql that opens with a comment header:

    -- title: County agencies by host
    -- purpose: How many county agencies each host has, for the chosen snapshot.
    -- param min_n: int 1

A parameter line is `-- param NAME: TYPE DEFAULT` with TYPE one of int, float, text,
bool; the statement refers to it as $NAME and DuckDB binds the value (never pasted into
the SQL text). The header travels with the text in the editor, so an edited query keeps
its parameters; a link names an unedited saved query (?saved=NAME) and carries an edited
one's text (?sql=). Statements run on the read-only engine of
app.sandbox in a worker of app.query_pool, exactly as `python -m app query` does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

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


def cited(frame: pd.DataFrame) -> list[str]:
    """The paragraphs a result cites: every source_ref of its source_ref columns, in order
    (a cell may hold several, "article#p5;article#p6")."""
    refs: dict[str, None] = {}
    for column in frame.columns:
        if str(column).lower() == "source_ref":
            for cell in frame[column].dropna():
                refs.update(dict.fromkeys(r.strip() for r in str(cell).split(";") if r.strip()))
    return list(refs)


def about(
    t: Callable[..., str],
    sql: str,
    values: dict[str, object],
    snapshot: str,
    ran_at: str,
    frame: pd.DataFrame,
    citations: dict[str, str],
) -> pd.DataFrame:
    """The workbook's "about" sheet: the query, its parameters, the snapshot, when it ran
    (as the reader writes it), the row count and the sources its rows cite. citations:
    source_ref -> citation in the reader's language."""
    rows: list[tuple[str, str]] = [(t("workbench.about_query"), sql)]
    rows += [(f"${name}", str(value)) for name, value in values.items()]
    rows += [
        (t("workbench.about_snapshot"), snapshot),
        (t("workbench.about_ran_at"), ran_at),
        (t("workbench.about_rows"), str(len(frame))),
    ]
    refs = cited(frame)
    if not refs:
        rows.append((t("workbench.about_sources"), t("workbench.about_no_sources")))
    for i, ref in enumerate(refs):
        label = t("workbench.about_sources") if i == 0 else ""
        citation = citations.get(ref, t("app.unknown"))
        rows.append((label, t("workbench.about_citation", ref=ref, citation=citation)))
    return pd.DataFrame(rows, columns=[t("workbench.about_item"), t("workbench.about_value")])
