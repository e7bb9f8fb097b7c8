"""Put user text (names, notes) into Markdown so it shows as typed, never as markup."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~$])")


def escape(value: object) -> str:
    """Text safe inside Markdown: HTML characters as entities, Markdown syntax escaped."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def escape_values(values: dict[str, object]) -> dict[str, object]:
    """escape() every text value of a message's parameters (numbers stay numbers)."""
    return {k: escape(v) if isinstance(v, str) else v for k, v in values.items()}
