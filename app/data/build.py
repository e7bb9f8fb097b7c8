"""Validate data/sources/*.csv with the row models and write data/parquet/*.parquet.

Nothing is written unless every row of every table is valid; each parquet file is
written to a temporary name and renamed, so a failed build leaves the previous one intact.
"""

from __future__ import annotations

import csv
import types
import typing
from collections.abc import Iterable, Mapping
from enum import Enum
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import ValidationError

from app.core.config import DataPaths
from app.core.fields import Row
from app.core.tables import TABLES
from app.data.atomic import atomic_output
from app.data.integrity import cross_check, duplicate_keys
from app.data.problems import Problem, cell_problems


class BuildError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def validate_rows(
    model: type[Row], rows: Iterable[tuple[int, Mapping[str, object]]], file: str
) -> tuple[list[Row], list[Problem]]:
    """Validate (line, row) pairs; return the valid models and a problem per bad cell."""
    good: list[Row] = []
    problems: list[Problem] = []
    for line, row in rows:
        try:
            good.append(model.model_validate(dict(row)))
        except ValidationError as err:
            problems += cell_problems(model, err, file, line)
    return good, problems


def check_header(model: type[Row], header: list[str] | None, file: str) -> list[Problem]:
    expected = list(model.model_fields)
    if not header:
        return [Problem(file, 1, "(header)", "empty_file")]
    problems = [Problem(file, 1, col, "missing_column") for col in expected if col not in header]
    problems += [
        Problem(file, 1, col, "unknown_column", expected=", ".join(expected))
        for col in header
        if col not in expected
    ]
    dupes = {c for c in header if header.count(c) > 1}
    problems += [Problem(file, 1, c, "duplicate_column") for c in sorted(dupes)]
    return problems


def read_csv(path: Path, model: type[Row]) -> tuple[list[Row], list[Problem]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        problems = check_header(model, reader.fieldnames, path.name)
        if problems:
            return [], problems
        rows = []
        for row in reader:
            if None in row:
                problems.append(Problem(path.name, reader.line_num, "(row)", "extra_cells"))
                continue
            rows.append((reader.line_num, row))
    good, bad = validate_rows(model, rows, path.name)
    return good, problems + bad


def load_sources(paths: DataPaths) -> dict[str, list[Row]]:
    """Read and validate every source table; raise BuildError listing every problem."""
    tables: dict[str, list[Row]] = {}
    problems: list[Problem] = []
    for name, model in TABLES.items():
        path = paths.sources / f"{name}.csv"
        if not path.exists():
            problems.append(Problem(path.name, 0, "(file)", "missing_file"))
            continue
        rows, bad = read_csv(path, model)
        problems += bad
        if not bad:
            problems += duplicate_keys(name, rows, list(range(2, len(rows) + 2)), path.name)
        tables[name] = rows
    if not problems:
        problems = cross_check(tables)
    if problems:
        raise BuildError(problems)
    return tables


def arrow_type(annotation: object) -> pa.DataType:
    """Map a model field's annotation to a parquet column type."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return arrow_type(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(annotation) if a is not type(None)]
        return arrow_type(inner)
    if annotation is bool:
        return pa.bool_()
    if annotation is int:
        return pa.int64()
    if isinstance(annotation, type) and issubclass(annotation, (str, Enum)):
        return pa.string()
    raise TypeError(f"no parquet type for {annotation!r}")


def arrow_table(model: type[Row], rows: list[Row]) -> pa.Table:
    schema = pa.schema(
        [(name, arrow_type(field.annotation)) for name, field in model.model_fields.items()]
    )
    return pa.Table.from_pylist([r.model_dump(mode="json") for r in rows], schema=schema)


def write_atomic(table: pa.Table, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(target) as sink:
        pq.write_table(table, sink)


def build(paths: DataPaths) -> dict[str, int]:
    """Validate all sources, then write one parquet file per table. Returns row counts."""
    tables = load_sources(paths)
    encoded = {name: arrow_table(TABLES[name], rows) for name, rows in tables.items()}
    for name, table in encoded.items():
        write_atomic(table, paths.parquet / f"{name}.parquet")
    return {name: t.num_rows for name, t in encoded.items()}
