"""Wording against the source: translations that keep the source's meaning, the counts its
statements give, and a citation that describes the article instead of inventing a title."""

from __future__ import annotations

import csv

from app.core.config import ROOT

SOURCES = ROOT / "data" / "sources"


def rows(name: str) -> list[dict[str, str]]:
    with (SOURCES / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_county_hosts_are_five_kinds_of_body_and_one_independent_agency() -> None:
    """¶5: 43 / 11 / 8 / 7 / 6 at five kinds of host, and 1 independent agency."""
    (row,) = [
        r
        for r in rows("statements")
        if (r["adcode"], r["dimension"]) == ("320000", "organisational_structure")
    ]
    assert "6 类" not in row["statement_zh"] and "six kinds" not in row["statement_en"]
    assert "5 类部门" in row["statement_zh"] and "1 个为独立机构" in row["statement_zh"]
    assert "five kinds of body" in row["statement_en"]
    assert "an independent agency" in row["statement_en"]
    assert "1個為獨立機構" in row["excerpt"]  # the words the count rests on
