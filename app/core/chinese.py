"""Script conversion: the article is in traditional characters; readers get simplified too.

OpenCC's `tw2s` (Taiwan standard -> simplified, character level), not `t2s`: `t2s` maps
著 to 著 everywhere, so the article's particle 著 (¶4 制約著, ¶10 著力) came out as
制约著 / 著力 instead of 制约着 / 着力. `tw2sp` gets those right too but also swaps in
mainland phrases for Taiwan ones (线上 -> 在线, 形成 -> 角成, 建立 -> 创建), which
changes the article's words; `tw2s` changes characters only. tests/test_chinese.py holds
every excerpt of data/sources to this.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

import opencc

CONFIG = "tw2s"


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC(CONFIG)


def simplified(text: str) -> str:
    """The simplified-character form of a traditional-character text, with Chinese
    punctuation (the article writes half-width marks: 數字政府,著力 -> 数字政府，着力)."""
    return full_width(_converter().convert(text))


HALF_TO_FULL: Final = str.maketrans({",": "，", ";": "；", ":": "：", "!": "！", "?": "？"})
HAN: Final = "\u3400-\u9fff"
# A half-width mark touching a Chinese character, or a (...) pair opened or closed by one.
_MARK = re.compile(rf"(?<=[{HAN}])[,;:!?]|[,;:!?](?=[{HAN}])")
_PARENS = re.compile(r"\(([^()]*)\)")


def full_width(text: str) -> str:
    """Chinese punctuation in Chinese text: "政府办(办公厅),未具名" -> "政府办（办公厅），未具名".

    Only marks touching a Chinese character change (and parentheses whose inside or outside
    touches one), so "2026-01-13 08:55", "v_county_host" and "(HHI)" in English stay."""
    text = _MARK.sub(lambda m: m.group().translate(HALF_TO_FULL), text)

    def paren(m: re.Match[str]) -> str:  # reads the text of the current pass
        inner, start, end = m.group(1), m.start(), m.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        touches = re.search(rf"[{HAN}]", inner[:1] + inner[-1:] + before + after)
        return f"（{inner}）" if touches else m.group()

    while (converted := _PARENS.sub(paren, text)) != text:  # inner pairs first: 县(市、区)
        text = converted
    return text


def quotation(excerpt: str, lang: str) -> str:
    """An excerpt of the article as a reader of the language sees it first: simplified for
    Chinese readers (the traditional original stays one click away), verbatim in English."""
    return simplified(excerpt) if lang == "zh" else excerpt
