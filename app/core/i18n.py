"""Translation catalogues: app/locales/<lang>/*.toml, one file per area of the app.

A key is "<file stem>.<key inside the file>", e.g. "overview.title". Both languages
must define the same keys (a test checks); a missing key shows as the key itself so it
is noticed, never as an empty string.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


def _flatten(prefix: str, table: dict) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}.{key}"
        if isinstance(value, dict):
            out.update(_flatten(name, value))
        else:
            out[name] = str(value)
    return out


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All strings of one language (read once per process; the files never change at run time)."""
    strings: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / lang).glob("*.toml")):
        with path.open("rb") as f:
            strings.update(_flatten(path.stem, tomllib.load(f)))
    return strings


def translator(lang: str) -> Callable[..., str]:
    strings = catalogue(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)

    def t(key: str, /, **values: object) -> str:
        text = strings.get(key, key)
        return text.format(**values) if values else text

    return t


def column_name(name: str, lang: str) -> str:
    """The column of a bilingual pair for the language: ("name", "zh") -> "name_zh"."""
    return f"{name}_zh" if lang == "zh" else f"{name}_en"


def column(row: Any, name: str, lang: str) -> Any:
    """A bilingual row's value in the language: column(row, "name", lang) reads name_zh or
    name_en (row: a pandas Series or mapping, or a named tuple from itertuples())."""
    key = column_name(name, lang)
    return getattr(row, key) if isinstance(row, tuple) else row[key]
