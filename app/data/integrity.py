"""Rules across rows and tables, after each row passed its model: keys are unique,
references resolve, levels agree, excerpts are the source's words, every agency sits in
a unit of its level, and every attribute of an agency or province agrees with its claim
(claims.csv, app.data.claim_checks). The build applies them to data/sources and the
roster import to an imported file, so both refuse the same things with the same messages.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.core.fields import Row
from app.core.provenance import ClaimConfidence
from app.data.claim_checks import claim_problems
from app.data.problems import Problem, level_term

KEYS = {
    "divisions": ("adcode",),
    "agencies": ("snapshot", "agency_id"),
    "provinces": ("adcode",),
    "claims": ("subject_id", "attribute"),
    "named_lists": ("list_id",),
    "recommendations": ("rec_id",),
    "reported_figures": ("figure_id",),
    "sources": ("source_ref",),
    "statements": ("adcode", "dimension"),
    "metric_statements": ("level", "metric"),
    "codes": ("domain", "code"),
    "since_source": ("item_id",),
}


def duplicate_keys(table: str, rows: list[Row], lines: list[int], file: str) -> list[Problem]:
    """A problem for each row whose key an earlier row has (`first` = that row's line)."""
    seen: dict[tuple, int] = {}
    problems = []
    for row, line in zip(rows, lines, strict=True):
        key = tuple(getattr(row, k) for k in KEYS[table])
        if key in seen:
            text = ", ".join(str(k) for k in key)
            problems.append(
                Problem(file, line, KEYS[table][-1], "duplicate_key", key=text, first=seen[key])
            )
        seen.setdefault(key, line)
    return problems


def cross_check(tables: dict[str, list[Row]]) -> list[Problem]:
    """Rules between tables: references resolve, levels agree, excerpts are verbatim."""
    problems: list[Problem] = []
    divisions = {d.adcode: d for d in tables["divisions"]}
    sources = {s.source_ref: s for s in tables["sources"]}

    def refs_exist(file: str, i: int, ref: str) -> None:
        for part in ref.split(";"):
            if part.startswith("article#") and part not in sources:
                problems.append(Problem(file, i + 2, "source_ref", "unknown_source", ref=part))

    for i, d in enumerate(tables["divisions"]):
        if d.parent_adcode and d.parent_adcode not in divisions:
            problems.append(
                Problem(
                    "divisions.csv",
                    i + 2,
                    "parent_adcode",
                    "unknown_parent",
                    adcode=d.parent_adcode,
                )
            )
    lines = list(range(2, len(tables["agencies"]) + 2))
    problems += agency_problems(tables["agencies"], divisions, "agencies.csv", lines)

    def verbatim(file: str, i: int, row: Row) -> None:
        """Each " … "-separated part of the row's excerpt is in its cited paragraph(s)."""
        text = "".join(sources[r].excerpt for r in row.source_ref.split(";") if r in sources)
        if row.excerpt and text and any(part not in text for part in row.excerpt.split(" … ")):
            problems.append(Problem(file, i + 2, "excerpt", "not_verbatim"))

    for i, a in enumerate(tables["agencies"]):
        refs_exist("agencies.csv", i, a.source_ref)
        verbatim("agencies.csv", i, a)
    for i, st in enumerate(tables["statements"]):
        refs_exist("statements.csv", i, st.source_ref)
        verbatim("statements.csv", i, st)
        if st.adcode not in divisions:
            problems.append(
                Problem("statements.csv", i + 2, "adcode", "unknown_division", adcode=st.adcode)
            )
    for i, ms in enumerate(tables["metric_statements"]):
        if ms.source_ref:
            refs_exist("metric_statements.csv", i, ms.source_ref)
            verbatim("metric_statements.csv", i, ms)
        unknown = ms.confidence == ClaimConfidence.UNKNOWN
        for column in ("statement_en", "source_ref", "excerpt"):
            given = getattr(ms, column) is not None
            if unknown == given:  # unknown says nothing; stated gives words, paragraph, English
                code = "claim_unknown_says" if unknown else "claim_incomplete"
                problems.append(Problem("metric_statements.csv", i + 2, column, code))
    for i, p in enumerate(tables["provinces"]):
        refs_exist("provinces.csv", i, p.source_ref)
        d = divisions.get(p.adcode)
        if d is None or d.level != "province":
            problems.append(
                Problem("provinces.csv", i + 2, "adcode", "not_province", adcode=p.adcode)
            )
    for i, nl in enumerate(tables["named_lists"]):
        refs_exist("named_lists.csv", i, nl.source_ref)
        verbatim("named_lists.csv", i, nl)
        if nl.subject and getattr(divisions.get(nl.subject), "level", None) != "province":
            problems.append(
                Problem("named_lists.csv", i + 2, "subject", "not_province", adcode=nl.subject)
            )
    rec_ids = {r.rec_id for r in tables["recommendations"]}
    for i, r in enumerate(tables["recommendations"]):
        refs_exist("recommendations.csv", i, r.source_ref)
        if r.parent_id and r.parent_id not in rec_ids:
            problems.append(
                Problem(
                    "recommendations.csv", i + 2, "parent_id", "unknown_parent_rec", id=r.parent_id
                )
            )
    for i, f in enumerate(tables["reported_figures"]):
        refs_exist("reported_figures.csv", i, f.source_ref)
        verbatim("reported_figures.csv", i, f)
    for i, c in enumerate(tables["claims"]):
        if c.source_ref:
            refs_exist("claims.csv", i, c.source_ref)
            verbatim("claims.csv", i, c)
    return problems + claim_problems(tables)


def agency_problems(
    agencies: list[Row], divisions: Mapping[str, Row], file: str, lines: list[int]
) -> list[Problem]:
    """An agency sits in a known division of its own level; one agency per named division.
    `lines` holds each agency's line in its file (the problems name those lines)."""
    problems = []
    seen: dict[tuple[str, str], int] = {}
    for a, line in zip(agencies, lines, strict=True):
        if a.division_adcode is None:
            if a.level != "county":
                problems.append(
                    Problem(
                        file,
                        line,
                        "division_adcode",
                        "division_required",
                        level=level_term(a.level),
                    )
                )
            continue
        d = divisions.get(a.division_adcode)
        if d is None:
            problems.append(
                Problem(file, line, "division_adcode", "division_unknown", adcode=a.division_adcode)
            )
        elif d.level != a.level:
            problems.append(
                Problem(
                    file,
                    line,
                    "division_adcode",
                    "division_level",
                    adcode=a.division_adcode,
                    name=d.name_zh,
                    actual=level_term(d.level),
                    level=level_term(a.level),
                )
            )
        key = (a.snapshot, a.division_adcode)
        if key in seen:
            problems.append(
                Problem(
                    file,
                    line,
                    "division_adcode",
                    "division_taken",
                    adcode=a.division_adcode,
                    first=seen[key],
                )
            )
        seen.setdefault(key, line)
    return problems
