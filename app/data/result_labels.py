"""Label columns beside the code columns of a workbench result ("show labels").

The analyst's query stays as written: this is a step over its result. A column is a code
column by its name: a code domain of the codes table (host, nature, level, rank,
coverage, push_model), `confidence`, or an adcode (`adcode`, `division_adcode`,
`parent_adcode`, ...), alone or as the end of the name (`city_host`). Its label column,
`<column>_label`, follows it, in the reader's language; a value no list knows stays empty.
"""

from __future__ import annotations

import pandas as pd

from app.core.i18n import column_name

ADCODE = "adcode"
SUFFIX = "_label"
Maps = dict[str, dict[str, str]]  # domain (or "adcode") -> {code: label}


def label_maps(
    codes: pd.DataFrame, divisions: pd.DataFrame, lang: str, extra: Maps | None = None
) -> Maps:
    """Code -> label per domain from the codes table, adcode -> division name, plus extra
    lists the catalogue holds (the confidence levels)."""
    label = column_name("label", lang)
    maps: Maps = {}
    for row in codes.itertuples():
        if row.domain != "unknown":  # that domain names missing values, not codes
            maps.setdefault(str(row.domain), {})[str(row.code)] = str(getattr(row, label))
    name = column_name("name", lang)
    maps[ADCODE] = dict(zip(divisions["adcode"].astype(str), divisions[name], strict=True))
    return maps | (extra or {})


def domain_of(column: str, maps: Maps) -> str | None:
    """The list a column's codes come from, by its name; None for other columns."""
    name = column.lower()
    if name.endswith(SUFFIX):
        return None
    for domain in sorted(maps, key=len, reverse=True):
        if name == domain or name.endswith("_" + domain):
            return domain
    return None


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an adcode cast to a number by the query
    return str(value)


def with_labels(frame: pd.DataFrame, maps: Maps) -> pd.DataFrame:
    """The frame with `<column>_label` right after each code column that holds at least
    one known code (a column that only shares a name is left alone)."""
    out = frame.copy()
    for column in list(frame.columns):
        domain = domain_of(str(column), maps)
        target = f"{column}{SUFFIX}"
        if domain is None or target in out.columns:
            continue
        known = maps[domain]
        labels = frame[column].map(lambda v, known=known: known.get(_text(v) or ""))
        at = out.columns.get_loc(column)
        if isinstance(at, int) and labels.notna().any():  # a repeated name is left alone
            out.insert(at + 1, target, labels)
    return out
