"""Dates and times as a reader writes them, in the reader's time zone.

Stored stamps are ISO 8601 in UTC ("2026-11-27T08:55:39+00:00"); nobody reads them in
that form. Chinese: 2026年11月27日 16:55; English: 27 Nov 2026, 16:55. Without the
reader's zone (a script, a test) the time stays in UTC and says so.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse(stamp: object) -> datetime | None:
    """A stored stamp (ISO text or datetime) as an aware datetime; None when unreadable."""
    if isinstance(stamp, datetime):
        when = stamp
    elif isinstance(stamp, date):
        when = datetime(stamp.year, stamp.month, stamp.day)
    else:
        try:
            when = datetime.fromisoformat(str(stamp).strip())
        except ValueError:
            return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def zone(name: str | None) -> ZoneInfo | None:
    """The reader's zone from an IANA name (the browser's), None when missing or unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def day(stamp: object, lang: str, zone_name: str | None = None) -> str | None:
    """The date alone: 2026年11月27日 / 27 Nov 2026 (None when the stamp is unreadable)."""
    when = parse(stamp)
    if when is None:
        return None
    local = when.astimezone(zone(zone_name) or UTC)
    if lang == "zh":
        return f"{local.year}年{local.month}月{local.day}日"
    return f"{local.day} {MONTHS_EN[local.month - 1]} {local.year}"


def moment(stamp: object, lang: str, zone_name: str | None = None) -> str | None:
    """Date and time to the minute in the reader's zone; "UTC" is added when the zone is not
    known. None when the stamp is unreadable."""
    when = parse(stamp)
    if when is None:
        return None
    reader = zone(zone_name)
    local = when.astimezone(reader or UTC)
    clock = f"{local:%H:%M}" + ("" if reader else " UTC")
    return (
        f"{day(local, lang, zone_name)} {clock}"
        if lang == "zh"
        else f"{day(local, lang, zone_name)}, {clock}"
    )
