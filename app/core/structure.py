"""The Jiangsu structure explorer's rules: facet filters, facet counts, table and chart frames.

Filters are four dimensions (level, host, nature, city). Within a dimension the chosen
values are OR-ed, across dimensions AND-ed; an empty dimension does not filter. A facet
count is the number of agencies a choice would show given the *other* dimensions'
filters (the usual data-portal facet). Every function takes frames from the views so it
can be tested without Streamlit. What each map colours is app.core.map_states.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from app.core import claims as claim_rules
from app.core.codes import jiangsu_cities
from app.core.models import Level

DIMENSIONS = ("level", "host", "nature", "city")
UNKNOWN = "unknown"  # nature the source does not state
COLUMN = {"level": "level", "host": "host", "nature": "nature", "city": "city_adcode"}


@dataclass(frozen=True)
class Filters:
    """Chosen codes per dimension; empty = no filter on that dimension."""

    chosen: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def get(self, dim: str) -> frozenset[str]:
        return self.chosen.get(dim, frozenset())

    @property
    def active(self) -> bool:
        return any(self.chosen.get(d) for d in DIMENSIONS)

    @classmethod
    def of(cls, **dims: object) -> Filters:
        out: dict[str, frozenset[str]] = {}
        for dim, values in dims.items():
            if dim not in DIMENSIONS:
                raise ValueError(f"unknown filter dimension {dim!r}")
            if isinstance(values, str):
                values = [values]
            out[dim] = frozenset(str(v) for v in values)  # type: ignore[union-attr]
        return cls(out)


def widget_key(dim: str, code: str) -> str:
    """Session/URL key of one facet checkbox, e.g. host_government_general_office."""
    return f"{dim}_{code}"


def prepared(agencies: pd.DataFrame) -> pd.DataFrame:
    """v_agencies with an explicit 'unknown' nature (so it can be a facet choice)."""
    out = agencies.copy()
    out["nature"] = out["nature"].fillna(UNKNOWN)
    return out


def _mask(frame: pd.DataFrame, filters: Filters, skip: str | None = None) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for dim in DIMENSIONS:
        chosen = filters.get(dim)
        if dim == skip or not chosen:
            continue
        mask &= frame[COLUMN[dim]].isin(chosen)
    return mask


def apply(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The agencies that pass every active filter."""
    return frame[_mask(frame, filters)]


def facet_counts(
    frame: pd.DataFrame, filters: Filters, dim: str, options: list[str]
) -> dict[str, int]:
    """For each option of dim: agencies shown if it were chosen, given the other dimensions."""
    base = frame[_mask(frame, filters, skip=dim)]
    counts = base[COLUMN[dim]].value_counts()
    return {code: int(counts.get(code, 0)) for code in options}


def options(
    codes: pd.DataFrame, divisions: pd.DataFrame, frame: pd.DataFrame
) -> dict[str, list[str]]:
    """The choices of each dimension, in display order."""
    host = codes[codes["domain"] == "host"].sort_values("sort_order")["code"].tolist()
    nature = codes[codes["domain"] == "nature"].sort_values("sort_order")["code"].tolist()
    if (frame["nature"] == UNKNOWN).any():
        nature.append(UNKNOWN)
    cities = jiangsu_cities(divisions)
    return {
        "level": [lv.value for lv in Level],
        "host": host,
        "nature": nature,
        "city": sorted(cities["adcode"]),
    }


def labels(codes: pd.DataFrame, domain: str, lang: str) -> dict[str, str]:
    """{code: label} of a code domain in the current language."""
    rows = codes[codes["domain"] == domain]
    return dict(zip(rows["code"], rows["label_zh" if lang == "zh" else "label_en"], strict=True))


def division_names(divisions: pd.DataFrame, lang: str) -> dict[str, str]:
    return dict(
        zip(divisions["adcode"], divisions["name_zh" if lang == "zh" else "name_en"], strict=True)
    )


def selection_codes(event: object) -> list[str]:
    """The codes a plotly selection event carries (customdata[0] of each point, else location)."""
    if not event:
        return []
    try:
        points = event["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        return []
    out: list[str] = []
    for point in points or []:
        custom = point.get("customdata")
        code = custom[0] if isinstance(custom, list) and custom else custom
        code = code if isinstance(code, str) and code else point.get("location")
        if isinstance(code, str) and code and code not in out:
            out.append(code)
    return out


def table(
    frame: pd.DataFrame,
    lang: str,
    host_labels: Mapping[str, str],
    nature_labels: Mapping[str, str],
    level_labels: Mapping[str, str],
    names: Mapping[str, str],
    unknown: str,
    not_named: str,
    claims: Mapping[str, Mapping[str, tuple[str, str]]] | None = None,
    wording: claim_rules.Wording | None = None,
) -> pd.DataFrame:
    """The filtered agencies as shown (and downloaded): labels in the current language;
    with claims (app.core.claims.by_subject of v_claims) and their wording, the rank and
    each claim's confidence beside its column."""
    zh = lang == "zh"
    out = pd.DataFrame(
        {
            "agency_id": frame["agency_id"],
            "level": frame["level"].map(lambda c: level_labels.get(c, c)),
            "city": frame["city_adcode"].map(
                lambda c: names.get(c, not_named) if isinstance(c, str) else not_named
            ),
            "unit": frame["division_adcode"].map(
                lambda c: names.get(c, not_named) if isinstance(c, str) else not_named
            ),
            "name": frame["name_zh" if zh else "name_en"],
            "host": frame["host"].map(lambda c: host_labels.get(c, c)),
            "nature": frame["nature"].map(lambda c: nature_labels.get(c, unknown)),
            "confidence": frame["confidence"],
            "source_ref": frame["source_ref"],
            "excerpt": frame["excerpt"].fillna(""),
        }
    )
    # the province-level agency belongs to no city
    out.loc[frame["level"] == "province", "city"] = ""
    if claims is not None and wording is not None:
        out = claim_rules.with_confidences(out, frame, claims, wording, unknown)
    return out.reset_index(drop=True)


def hierarchy(frame: pd.DataFrame) -> pd.DataFrame:
    """Province -> level -> host groups of the shown agencies: id, parent, level, host, n."""
    rows = [{"id": "jiangsu", "parent": "", "level": "", "host": "", "n": len(frame)}]
    for level in [lv.value for lv in Level]:
        at_level = frame[frame["level"] == level]
        if at_level.empty:
            continue
        rows.append(
            {"id": level, "parent": "jiangsu", "level": level, "host": "", "n": len(at_level)}
        )
        for host, n in at_level["host"].value_counts().items():
            rows.append(
                {
                    "id": f"{level}/{host}",
                    "parent": level,
                    "level": level,
                    "host": host,
                    "n": int(n),
                }
            )
    return pd.DataFrame(rows)


def excerpts_by_figure(reported: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """{figure_id: (excerpt, source_ref)} from v_reported_vs_computed, for hover text."""
    return {
        row.figure_id: (row.excerpt, row.source_ref) for row in reported.itertuples(index=False)
    }
