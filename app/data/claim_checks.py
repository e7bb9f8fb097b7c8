"""The claims against the rows: each claim (claims.csv) is whole for its confidence and
names a subject of its kind; each agency of the seed and each province has one claim per
attribute, equal to its column; a row's confidence is the weakest of its claims. Part of
the rules across tables (app.data.integrity)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from app.core import claims as claim_rules
from app.core.config import SEED_SNAPSHOT
from app.core.errors import Term
from app.core.fields import Row
from app.data.problems import Problem


class _Subject(NamedTuple):
    kind: str  # agency or province
    file: str
    line: int
    row: Row


def _subjects(tables: dict[str, list[Row]]) -> dict[str, _Subject]:
    """subject_id -> where its row is: the seed's agencies that rest on the source (an
    imported row is its own claims: v_claims marks them imported) and the provinces."""
    out: dict[str, _Subject] = {}
    for i, a in enumerate(tables["agencies"]):
        if a.snapshot == SEED_SNAPSHOT and a.confidence != claim_rules.IMPORTED:
            out[a.agency_id] = _Subject("agency", "agencies.csv", i + 2, a)
    for i, p in enumerate(tables["provinces"]):
        out[p.adcode] = _Subject("province", "provinces.csv", i + 2, p)
    return out


def claim_problems(tables: dict[str, list[Row]]) -> list[Problem]:
    """Each claim is whole for its confidence and names a subject of its kind; each
    subject has one claim per attribute, agreeing with its column; a row's confidence is
    the weakest of its claims (app.core.claims.row_confidence)."""
    problems: list[Problem] = []
    subjects = _subjects(tables)
    found: dict[tuple[str, str], tuple[int, Row]] = {}
    for i, c in enumerate(tables["claims"]):
        line, attribute = i + 2, str(c.attribute)
        kind = claim_rules.subject_kind(attribute)
        subject = subjects.get(c.subject_id)
        if subject is None or subject.kind != kind:
            problems.append(
                Problem("claims.csv", line, "subject_id", f"claim_no_{kind}", id=c.subject_id)
            )
            continue
        found.setdefault((c.subject_id, attribute), (line, c))
        unknown = c.confidence == claim_rules.UNKNOWN
        for column in ("value", "source_ref", "excerpt"):
            given = getattr(c, column) is not None
            if unknown and given:
                problems.append(Problem("claims.csv", line, column, "claim_unknown_says"))
            elif not unknown and not given:
                problems.append(Problem("claims.csv", line, column, "claim_incomplete"))
        if c.source_ref and c.source_ref not in subject.row.source_ref.split(";"):
            problems.append(
                Problem(
                    "claims.csv",
                    line,
                    "source_ref",
                    "claim_ref_not_in_row",
                    ref=c.source_ref,
                    refs=subject.row.source_ref,
                )
            )
    for subject_id, subject in subjects.items():
        problems += _row_against_claims(subject_id, subject, found)
    return problems


def _row_against_claims(
    subject_id: str, subject: _Subject, found: Mapping[tuple[str, str], tuple[int, Row]]
) -> list[Problem]:
    """One row's columns against its claims: each claim present and equal to the column,
    the row's confidence the weakest of them."""
    problems = []
    confidences = []
    file, line, row = subject.file, subject.line, subject.row
    for attribute in claim_rules.attributes_of(subject.kind):
        claim = found.get((subject_id, attribute))
        if claim is None:
            problems.append(Problem(file, line, attribute, "claim_missing", id=subject_id))
            continue
        claim_line, c = claim
        confidences.append(str(c.confidence))
        column, stated = claim_rules.as_value(getattr(row, attribute)), c.value or ""
        if column != stated:
            problems.append(
                Problem(
                    file,
                    line,
                    attribute,
                    "claim_disagrees",
                    value=column,
                    claim=stated,
                    claim_line=claim_line,
                )
            )
    expected = claim_rules.row_confidence(confidences)
    if expected and str(row.confidence) != expected:
        problems.append(
            Problem(
                file,
                line,
                "confidence",
                "confidence_not_weakest",
                value=Term(f"claims.confidence_{row.confidence}"),
                expected=Term(f"claims.confidence_{expected}"),
            )
        )
    return problems
