"""Stored UTC stamps read as a person writes a date, in the reader's zone."""

from __future__ import annotations

from app.core import dates

STAMP = "2026-11-27T20:55:39+00:00"


def test_a_stamp_reads_in_the_readers_zone_and_language() -> None:
    assert dates.moment(STAMP, "zh", "Asia/Shanghai") == "2026年11月28日 04:55"
    assert dates.moment(STAMP, "en", "Europe/London") == "27 Nov 2026, 20:55"
    assert dates.day(STAMP, "zh", "Asia/Shanghai") == "2026年11月28日"


def test_without_the_readers_zone_the_time_says_utc() -> None:
    assert dates.moment(STAMP, "zh", None) == "2026年11月27日 20:55 UTC"
    assert dates.moment(STAMP, "en", "Not/AZone") == "27 Nov 2026, 20:55 UTC"


def test_an_unreadable_stamp_is_none_not_a_guess() -> None:
    assert dates.moment("yesterday", "zh") is None
    assert dates.day(None, "en") is None
