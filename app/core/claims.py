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
from typing import Final

import pandas as pd

from app.core.models import Attribute

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
