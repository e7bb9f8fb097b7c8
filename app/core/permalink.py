"""Permalinks: the full URL of the current view, and the checks that keep a stale one safe.

Pure functions (no Streamlit): the entry script hands in the page's base URL and the
current query parameters (bound widgets included); `url()` puts them together in a
stable order (language first, then the snapshot, then the rest by name) so two people
looking at the same view copy the same link. `parse()` is its inverse (tests use it).

The checks say which values a URL asks for that the page cannot show (an unknown code, a
deleted snapshot, a bad number); the page then falls back to its default and shows a
short notice instead of failing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from urllib.parse import parse_qs, urlencode, urlsplit

FIRST = ("lang", "snapshot")
TRUE, FALSE = "true", "false"
_FACET_KEY = re.compile(r"^(?P<dim>[a-z]+)_(?P<code>.+)$")
# A number from a URL (or a query header) is at most this long before any conversion
# (Python refuses to turn thousands of digits into an int) and within ±MAX_NUMBER, the
# largest integer a browser's number holds exactly (a number input refuses more).
MAX_NUMBER_CHARS = 32
MAX_NUMBER = 2**53 - 1
_NUMBER_TEXT = {
    "int": re.compile(r"[+-]?[0-9]+"),
    "float": re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"),
}


def ordered(params: Mapping[str, Sequence[str] | str]) -> list[tuple[str, str]]:
    """(key, value) pairs: language, snapshot, then the other keys by name; lists repeat."""
    keys = [k for k in FIRST if k in params] + sorted(k for k in params if k not in FIRST)
    pairs: list[tuple[str, str]] = []
    for key in keys:
        value = params[key]
        values = [value] if isinstance(value, str) else list(value)
        pairs.extend((key, str(v)) for v in values)
    return pairs


def url(base: str, params: Mapping[str, Sequence[str] | str]) -> str:
    """The link: base (scheme, host and page path, or a bare path) plus the query."""
    base = base.split("?", 1)[0].split("#", 1)[0] or "/"
    query = urlencode(ordered(params))
    return f"{base}?{query}" if query else base


def parse(link: str) -> tuple[str, dict[str, list[str]]]:
    """(page path without slashes, {key: [values]}) of a link made by url()."""
    parts = urlsplit(link)
    return parts.path.strip("/"), parse_qs(parts.query, keep_blank_values=True)


def with_defaults(
    params: Mapping[str, Sequence[str] | str], defaults: Mapping[str, str]
) -> dict[str, Sequence[str] | str]:
    """The params plus any default that is not in them (e.g. the snapshot shown when the
    URL names none: a later import must not change what an old link shows)."""
    return {**{k: v for k, v in defaults.items() if v}, **params}


# --- checks ----------------------------------------------------------------------------


def unknown(values: Iterable[str], allowed: Collection[str]) -> list[str]:
    """The values that are not among the allowed ones, in the order asked."""
    return [v for v in values if v not in allowed]


def bad_bool(value: str) -> bool:
    """A bound checkbox or toggle reads only "true" or "false"."""
    return value.strip().lower() not in (TRUE, FALSE)


def number(value: object, kind: str) -> int | float | None:
    """Text as a number of `kind` ("int" or "float"), or None when it is not one a number
    input can take: plain ASCII digits (a float may have a point and an exponent), at
    most MAX_NUMBER_CHARS long, finite and within ±MAX_NUMBER."""
    text = str(value).strip()
    pattern = _NUMBER_TEXT.get(kind)
    if pattern is None or len(text) > MAX_NUMBER_CHARS or not pattern.fullmatch(text):
        return None
    parsed = int(text) if kind == "int" else float(text)
    if not math.isfinite(parsed) or abs(parsed) > MAX_NUMBER:
        return None
    return parsed


def bad_number(value: str, kind: str) -> bool:
    """A value a number input of `kind` ("int" or "float") cannot take."""
    return number(value, kind) is None


def bad_facets(
    params: Mapping[str, Sequence[str] | str],
    dimensions: Collection[str],
    known_keys: Collection[str],
) -> list[str]:
    """Facet parameters (`<dimension>_<code>`) naming a code the data does not have, or
    holding a value other than true/false. Returns the offending keys."""
    bad: list[str] = []
    for key, value in params.items():
        match = _FACET_KEY.match(key)
        if not match or match["dim"] not in dimensions:
            continue
        values = [value] if isinstance(value, str) else list(value)
        if key not in known_keys or any(bad_bool(v) for v in values):
            bad.append(key)
    return bad
