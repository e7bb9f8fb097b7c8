"""Roster rows -> Agency models, by the build's own models and rules.

Every row is validated by app.models.Agency and app.build (validate_rows, duplicate_keys,
agency_problems); all or nothing: any problem and no agency is returned.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pyarrow.parquet as pq

from app.core.codes import JIANGSU_PREFIX
from app.core.config import DataPaths
from app.core.models import Agency, Division
from app.data import build, integrity
from app.roster.problems import ImportProblem, problem
from app.roster.reading import IMPORT_COLUMNS, OPTIONAL_COLUMNS, read_table

PROVINCE_PREFIX = JIANGSU_PREFIX  # the roster is Jiangsu's


def safe_file_name(name: str) -> str:
    """The file name as a source_ref allows it (import:NAME, NAME = word chars . -)."""
    base = Path(name or "roster").name
    return re.sub(r"[^\w.\-]", "_", base)[:80] or "roster"


def load_divisions(paths: DataPaths) -> dict[str, Division]:
    table = pq.read_table(paths.parquet / "divisions.parquet")
    return {r["adcode"]: Division.model_validate(r) for r in table.to_pylist()}


def validate(
    data: bytes, file_name: str, divisions: Mapping[str, Division], snapshot_id: str
) -> tuple[list[Agency], list[ImportProblem]]:
    """Every row as an Agency of the snapshot, or every problem found; never raises on
    bad input."""
    _, rows, problems = read_table(data)
    if problems:
        return [], problems
    source_ref = f"import:{safe_file_name(file_name)}"
    good: list[Agency] = []
    good_lines: list[int] = []
    for line, cells in rows:
        record = {c: cells.get(c, "") for c in (*IMPORT_COLUMNS, *OPTIONAL_COLUMNS)}
        record |= {"snapshot": snapshot_id, "confidence": "imported", "source_ref": source_ref}
        agencies, bad = build.validate_rows(Agency, [(line, record)], file_name)
        problems += [ImportProblem.of(p) for p in bad]
        if agencies:
            good.append(agencies[0])  # type: ignore[arg-type]
            good_lines.append(line)
    for p in integrity.duplicate_keys("agencies", good, good_lines, file_name):
        problems.append(problem(p.line, "agency_id", "duplicate_id", first=p.values["first"]))
    problems += [
        ImportProblem.of(p)
        for p in integrity.agency_problems(good, divisions, file_name, good_lines)
    ]
    for a, line in zip(good, good_lines, strict=True):
        if a.division_adcode and not a.division_adcode.startswith(PROVINCE_PREFIX):
            problems.append(
                problem(line, "division_adcode", "outside_jiangsu", adcode=a.division_adcode)
            )
    problems.sort(key=lambda p: (p.line, p.column))
    return ([] if problems else good), problems
