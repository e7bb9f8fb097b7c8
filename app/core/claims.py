"""Provenance per claim: what one attribute of one agency or province rests on.

A claim is one (subject, attribute) pair — an agency's nature, host or rank; a province's
push model, three-level structure or research partners — with its value and how sure it
is: stated (the source says it), derived (follows from what it says, by elimination or
arithmetic), unknown (the source does not say; no value, no paragraph, no words) or
imported (a roster file says it). The seed's claims are data/sources/claims.csv, one per
attribute of every agency resting on the article and of every province in provinces.csv;
the view v_claims gives the active snapshot's: an imported roster's (or an imported row's)
are all "imported", made from the row itself.

A row's own confidence (agencies, provinces) is the weakest of its stated and derived
claims: derived when any is derived, else stated. Unknown claims assert nothing, so they
do not weaken the row. The build refuses a row whose confidence breaks this rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

import pandas as pd

from app.core.i18n import translator
from app.core.provenance import Attribute

STATED: Final = "stated"
DERIVED: Final = "derived"
UNKNOWN: Final = "unknown"
IMPORTED: Final = "imported"
CONFIDENCES: Final = (STATED, DERIVED, UNKNOWN, IMPORTED)  # display order
ASSERTING: Final = (STATED, DERIVED)  # strongest first: what a row's confidence is made of

AGENCY_ATTRIBUTES: Final = (Attribute.NATURE.value, Attribute.HOST.value, Attribute.RANK.value)
PROVINCE_ATTRIBUTES: Final = (
    Attribute.PUSH_MODEL.value,
    Attribute.THREE_LEVEL_STRUCTURE.value,
    Attribute.RESEARCH_PARTNERS.value,
)


def subject_kind(attribute: str) -> str:
    """ "agency" or "province": whose attribute it is."""
    return "agency" if attribute in AGENCY_ATTRIBUTES else "province"


def attributes_of(kind: str) -> tuple[str, ...]:
    """The attributes a subject of kind ("agency" or "province") has a claim for."""
    return AGENCY_ATTRIBUTES if kind == "agency" else PROVINCE_ATTRIBUTES


def row_confidence(confidences: Iterable[str]) -> str | None:
    """The weakest of the stated and derived claims (None when there is none)."""
    asserting = [c for c in confidences if c in ASSERTING]
    return max(asserting, key=ASSERTING.index) if asserting else None


def as_value(cell: object) -> str:
    """A row's cell as a claim states it: codes as their value, true as "true", empty
    (None, NaN, "") as ""."""
    if cell is None or cell != cell:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return str(getattr(cell, "value", cell))


def by_subject(claims: pd.DataFrame) -> dict[str, dict[str, tuple[str, str]]]:
    """{subject_id: {attribute: (value, confidence)}} from v_claims."""
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for r in claims.itertuples(index=False):
        out.setdefault(r.subject_id, {})[r.attribute] = (as_value(r.value), r.confidence)
    return out


def confidence_of(
    claims: Mapping[str, Mapping[str, tuple[str, str]]], subjects: Iterable[str], attribute: str
) -> list[str]:
    """Each subject's claim confidence for attribute ("" when it has no such claim)."""
    return [claims.get(s, {}).get(attribute, ("", ""))[1] for s in subjects]


@dataclass(frozen=True)
class Wording:
    """How claims read in one language: labels of attributes, values and confidences, and
    the catalogue's line formats."""

    attribute: Mapping[str, str]
    value: Mapping[str, Mapping[str, str]]  # attribute -> {code: label}
    confidence: Mapping[str, str]
    line: str  # "{attribute}: {value} ({confidence})"
    line_unknown: str  # "{attribute}: {confidence}"
    not_given: str  # a roster's empty cell


def wording(lang: str, values: Mapping[str, Mapping[str, str]]) -> Wording:
    """The catalogue's claim words in lang; values: attribute -> {code: label}."""
    t = translator(lang)
    return Wording(
        {a: t(f"claims.attribute_{a}") for a in (*AGENCY_ATTRIBUTES, *PROVINCE_ATTRIBUTES)},
        values,
        {c: t(f"claims.confidence_{c}") for c in CONFIDENCES},
        t("claims.line"),
        t("claims.line_unknown"),
        t("claims.not_given"),
    )


def lines(
    claims: Mapping[str, tuple[str, str]], attributes: Iterable[str], w: Wording
) -> list[str]:
    """One line per attribute of a subject: "{attribute}: {value} ({confidence})", or
    "{attribute}: {confidence}" when the claim is unknown."""
    out = []
    for attribute in attributes:
        if attribute not in claims:
            continue
        value, confidence = claims[attribute]
        what = w.attribute.get(attribute, attribute)
        how = w.confidence.get(confidence, confidence)
        if confidence == UNKNOWN:
            out.append(w.line_unknown.format(attribute=what, confidence=how))
        else:
            shown = w.value.get(attribute, {}).get(value, value) if value else w.not_given
            out.append(w.line.format(attribute=what, value=shown, confidence=how))
    return out


def with_confidences(
    table: pd.DataFrame,
    agencies: pd.DataFrame,
    claims: Mapping[str, Mapping[str, tuple[str, str]]],
    w: Wording,
    unknown: str,
) -> pd.DataFrame:
    """The structure table (one row per agency of `agencies`, same order) with each
    claim's confidence after its column, the rank and its confidence after nature, and the
    row's confidence in words."""
    ids = agencies["agency_id"].tolist()
    out = table.copy()
    labels = {
        a: [w.confidence.get(c, c) for c in confidence_of(claims, ids, a)]
        for a in AGENCY_ATTRIBUTES
    }
    ranks = []
    for subject in ids:
        value, confidence = claims.get(subject, {}).get("rank", ("", ""))
        blank = w.not_given if confidence == IMPORTED else unknown
        ranks.append(w.value.get("rank", {}).get(value, value) if value else blank)
    out.insert(out.columns.get_loc("host") + 1, "host_confidence", labels["host"])
    at = out.columns.get_loc("nature") + 1
    out.insert(at, "nature_confidence", labels["nature"])
    out.insert(at + 1, "rank", ranks)
    out.insert(at + 2, "rank_confidence", labels["rank"])
    out["confidence"] = [w.confidence.get(c, c) for c in agencies["confidence"]]
    return out
