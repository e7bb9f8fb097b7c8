"""What public reports say changed after the article, as the reader's language shows it.

These rows are not the source: each is "reported elsewhere", shown with its date and the
addresses of its reports as plain text, and never joined into a figure that is checked
against the article. What the reports leave open stays listed as unknown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import pandas as pd
from pydantic_core import PydanticCustomError

from app.core import i18n

BY = "by "  # "by 2025": at the latest in that year, no earlier date reported


@dataclass(frozen=True)
class SinceItem:
    happened: str  # as vague as the reports: a day, a month, or "by" a year
    what: str
    addresses: tuple[str, ...]  # public addresses, shown as text, never as links
    how_sure: str
    not_reported: str = ""  # what the reports leave unknown ("" when nothing is listed)


def happened_label(value: str, t: Callable[..., str]) -> str:
    """A date as the reports give it, in the reader's language ("by 2025" -> "截至 2025 年")."""
    return t("since.by", year=value.removeprefix(BY)) if value.startswith(BY) else value


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def items(rows: pd.DataFrame, lang: str, t: Callable[..., str]) -> tuple[SinceItem, ...]:
    """The rows of v_since_source (already in date order) in the reader's language."""
    return tuple(
        SinceItem(
            happened_label(str(r.happened), t),
            _text(i18n.column(r, "what", lang)),
            tuple(a for a in _text(r.source_url).split(";") if a),
            _text(i18n.column(r, "how_sure", lang)),
            _text(i18n.column(r, "not_reported", lang)),
        )
        for r in rows.itertuples(index=False)
    )


def unknowns(shown: tuple[SinceItem, ...]) -> tuple[str, ...]:
    """What the reports leave open, one line per change that lists something."""
    return tuple(i.not_reported for i in shown if i.not_reported)


# --- what the build accepts in data/sources/since_source.csv ----------------------------

HAPPENED_FORMATS = ("%Y-%m-%d", "%Y-%m", "%Y")  # as vague as the report: a day, month or year
# What a public address may hold (RFC 3986's unreserved and reserved characters, and "%").
URL_CHARACTERS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&*+,;=%"
)


def check_happened(value: str) -> str:
    """A date as vague as the report gives it: 2023-10-25, 2023-03, 2024, or "by 2025"."""
    for fmt in HAPPENED_FORMATS:
        try:
            datetime.strptime(value.removeprefix(BY), fmt)
        except ValueError:
            continue
        return value
    raise PydanticCustomError(
        "bad_happened",
        "happened must be YYYY-MM-DD, YYYY-MM, YYYY or 'by YYYY', got {value}",
        {"value": value},
    )


def check_addresses(value: str) -> str:
    """';'-separated public web addresses, each a host name and a path, with or without
    http(s)://; nothing that could be read as markup (no spaces, brackets or quotes)."""
    for address in value.split(";"):
        parts = urlsplit(address if "://" in address else f"https://{address}")
        host = parts.hostname or ""
        labels = host.split(".")
        if (
            not address
            or not set(address) <= URL_CHARACTERS
            or parts.scheme not in ("http", "https")
            or parts.netloc.lower() != host  # no user name, password or port
            or len(labels) < 2
            or not all(label and label.replace("-", "").isalnum() for label in labels)
            or not labels[-1].isalpha()
        ):
            raise PydanticCustomError(
                "bad_url", "not a public web address: {value}", {"value": address}
            )
    return value
