"""Numbers from a URL (or a linked query's header) are bounded before conversion; a bad one
falls back with a notice instead of a traceback (?slide=, the workbench's $parameters)."""

from __future__ import annotations

import time

import pytest

from app.core import md, permalink
from app.core.i18n import translator
from app.story.navigation import parse_slide
from app.story.slides import COUNT
from tests.conftest import run_page

HUGE = "9" * 5000  # past Python's int-conversion limit (4,300 digits)
WIDE = "9" * 30  # converts, but past what a browser's number holds exactly


def test_number_is_bounded_before_conversion() -> None:
    started = time.monotonic()
    assert permalink.number(HUGE, "int") is None and permalink.number(HUGE, "float") is None
    assert time.monotonic() - started < 0.1
    assert permalink.number(str(permalink.MAX_NUMBER), "int") == 2**53 - 1
    assert permalink.number(f"-{permalink.MAX_NUMBER}", "int") == -(2**53 - 1)
    assert permalink.number(str(permalink.MAX_NUMBER + 1), "int") is None
    assert permalink.number(WIDE, "int") is None
    assert permalink.number(" 12 ", "int") == 12
    assert permalink.number("2.5", "float") == 2.5 and permalink.number("1e15", "float") == 1e15
    for bad in ("1e400", "-1e400", "1e16", "nan", "inf", "-inf", "1.5e", "", " "):
        assert permalink.number(bad, "float") is None, bad
    for bad in ("1.5", "1e3", "1_000", "١٢", "0x10", "+", "--1"):
        assert permalink.number(bad, "int") is None, bad
    assert permalink.bad_number(WIDE, "int") and permalink.bad_number("1e300", "float")


def test_parse_slide_survives_thousands_of_digits() -> None:
    assert parse_slide(HUGE, COUNT) == (1, True)
    assert parse_slide("0" * 5000 + "2", COUNT) == (1, True)
    assert parse_slide("2", COUNT) == (2, False)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_story_with_a_huge_slide_number_shows_slide_1_and_a_notice(lang: str) -> None:
    at = run_page("story", lang, slide=HUGE)
    assert not at.exception
    assert at.header[0].value == f"1\\. {md.escape(translator(lang)('story.s1_title'))}"
    assert len(at.warning) == 1 and str(COUNT) in at.warning[0].value
    assert len(at.warning[0].value) < 500  # the value is cut short, not echoed whole
    assert at.query_params["slide"] == "1"


def number_input(at):
    (widget,) = at.number_input
    return widget


@pytest.mark.parametrize(
    ("header", "zero"),
    [(f"int {WIDE}", 0), (f"int {HUGE}", 0), ("float 1e400", 0.0), ("float -1e400", 0.0)],
)
def test_a_linked_query_with_an_out_of_range_default_falls_back(header: str, zero: float) -> None:
    at = run_page("workbench", "en", sql=f"-- param x: {header}\nSELECT $x AS x")
    assert not at.exception
    assert number_input(at).value == zero and type(number_input(at).value) is type(zero)
    assert len(at.toast) == 1 and "p\\_x" in at.toast[0].value
    assert len(at.toast[0].value) < 500
    frame = next(d.value for d in at.dataframe if list(d.value.columns) == ["x"])
    assert frame["x"].tolist() == [zero]  # the link's query ran with the fallback


@pytest.mark.parametrize(
    ("kind", "value"),
    [("int", "1e400"), ("int", WIDE), ("int", HUGE), ("float", "1e300")],
)
def test_a_url_value_a_number_input_cannot_take_falls_back(kind: str, value: str) -> None:
    at = run_page("workbench", "en", sql=f"-- param x: {kind} 7\nSELECT $x AS x", p_x=value)
    assert not at.exception
    assert number_input(at).value == 7
    assert len(at.toast) == 1 and "p\\_x" in at.toast[0].value
    assert "p_x" not in at.query_params  # the link copied from here is clean


def test_a_url_value_in_range_is_used() -> None:
    at = run_page("workbench", "en", sql="-- param x: int 7\nSELECT $x AS x", p_x="42")
    assert not at.exception and not at.toast
    assert number_input(at).value == 42
