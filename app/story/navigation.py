"""The story's URL parameters: ?slide=N (1-based) and ?present= (projector mode)."""

from __future__ import annotations

from typing import Final

from app.core.permalink import number as bounded_number

SLIDE_PARAM: Final = "slide"
PRESENT_PARAM: Final = "present"
_TRUE: Final = frozenset({"1", "true", "yes", "on"})
_FALSE: Final = frozenset({"0", "false", "no", "off", ""})


def parse_slide(raw: str | None, count: int) -> tuple[int, bool]:
    """?slide=N (1-based) -> (slide, was_bad). Missing means 1; anything else invalid is bad."""
    if raw is None or raw == "":
        return 1, False
    number = bounded_number(raw, "int")  # length and range checked before conversion
    if number is not None and 1 <= number <= count:
        return int(number), False
    return 1, True


def parse_present(raw: str | None) -> tuple[bool, bool]:
    """?present=1 -> (on, was_bad); 0/1/true/false/yes/no/on/off are understood."""
    text = "" if raw is None else str(raw).strip().lower()
    if text in _TRUE:
        return True, False
    return False, text not in _FALSE
