"""No figure typed into a catalogue string: every count a sentence gives comes from the data
through a placeholder, so an imported roster or a corrected source can never leave a
sentence stating a stale number.

Every string of both catalogues is read with its placeholders ({n}, {units:,}), its
paragraph references (¶5, 第 5 段, 第5段) and the allowlist below taken out; no integer of
3 or more may remain (1 and 2 read as words: "slide 1", "would be 1").
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from app.core.i18n import LANGUAGES, catalogue

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
PARAGRAPH = re.compile(r"¶\s*\d+|第\s*\d+\s*段")
NUMBER = re.compile(r"\d+")
# Numbers that are not figures of the data, each with the reason it may be typed.
ALLOWED = {
    "UTF-8": "an encoding's name",
    "UTF-16": "an encoding's name",
    "Windows-1252": "an encoding's name",
    "14th Five-Year": "the name of the plan period (十四五) the source is dated by",
    "2021–2022": "the period the source describes (as-of note), not a figure of the rows",
    "N = 1 to 10": "the rule for a paragraph reference (article#pN), as app.core.models checks it",
    "N 为 1 至 10": "the rule for a paragraph reference (article#pN), as app.core.models checks it",
    "start with 32": "Jiangsu's adcode prefix, a code",
    "以 32 开头": "Jiangsu's adcode prefix, a code",
}


def typed_numbers(text: str) -> list[int]:
    text = unicodedata.normalize("NFKC", text)  # full-width digits count too
    text = PLACEHOLDER.sub(" ", text)
    text = PARAGRAPH.sub(" ", text)
    for allowed in ALLOWED:
        text = text.replace(allowed, " ")
    return [int(n) for n in NUMBER.findall(text) if int(n) >= 3]


def test_the_check_finds_what_it_is_for() -> None:
    assert typed_numbers("its 13 cities and 95 county-level units") == [13, 95]
    assert typed_numbers("全国已有 28 个省份;95个中有19个没有") == [28, 95, 19]
    assert typed_numbers("全省９５个县") == [95]
    assert typed_numbers("{n} of {units:,} units (¶5, 第 10 段, 第9段); UTF-8, slide 1") == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_catalogue_string_types_in_a_figure(lang: str) -> None:
    found = {
        key: numbers for key, text in catalogue(lang).items() if (numbers := typed_numbers(text))
    }
    assert found == {}


def test_every_allowed_number_is_still_used() -> None:
    """An allowlist entry no catalogue string needs any more is taken out, not kept."""
    texts = [text for lang in LANGUAGES for text in catalogue(lang).values()]
    assert [a for a in ALLOWED if not any(a in text for text in texts)] == []
