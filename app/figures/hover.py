"""Map hover text: lines joined for plotly, and the claims behind what a map shows with
the confidence of each (v_claims), escaped for plotly's markup."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from app.core import claims as claim_rules
from app.core import structure
from app.core.text import html_text


def hover_lines(*parts: str) -> str:
    return "<br>".join(p for p in parts if p)


def claim_lines(
    claims: pd.DataFrame | None, codes: pd.DataFrame, lang: str
) -> Callable[[str], str]:
    """agency_id -> its claims as hover lines ("Hosted at: ... (Stated)"), escaped; "" for
    no agency or no claims."""
    if claims is None:
        return lambda _: ""
    subjects = claim_rules.by_subject(claims)
    values = {a: structure.labels(codes, a, lang) for a in claim_rules.AGENCY_ATTRIBUTES}
    w = claim_rules.wording(lang, values)

    def of(agency_id: str) -> str:
        found = subjects.get(agency_id, {}) if agency_id else {}
        return hover_lines(
            *(html_text(x) for x in claim_rules.lines(found, claim_rules.AGENCY_ATTRIBUTES, w))
        )

    return of


def confidence_note(claims: pd.DataFrame | None, lang: str) -> Callable[[str, str, str], str]:
    """(subject, attribute, text) -> text with the claim's confidence after it ("(Stated)");
    the text alone when the claim is unknown or absent (its text already says so)."""
    subjects = claim_rules.by_subject(claims) if claims is not None else {}
    words = claim_rules.wording(lang, {}).confidence

    def note(subject: str, attribute: str, text: str) -> str:
        _, confidence = subjects.get(subject, {}).get(attribute, ("", ""))
        if confidence in ("", claim_rules.UNKNOWN):
            return text
        return f"{text} ({words.get(confidence, confidence)})"

    return note
