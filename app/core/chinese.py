"""Script conversion: the article is in traditional characters; readers get simplified too.

OpenCC's `tw2s` (Taiwan standard -> simplified, character level), not `t2s`: `t2s` maps
著 to 著 everywhere, so the article's particle 著 (¶4 制約著, ¶10 著力) came out as
制约著 / 著力 instead of 制约着 / 着力. `tw2sp` gets those right too but also swaps in
mainland phrases for Taiwan ones (线上 -> 在线, 形成 -> 角成, 建立 -> 创建), which
changes the article's words; `tw2s` changes characters only. tests/test_chinese.py holds
every excerpt of data/sources to this.
"""

from __future__ import annotations

from functools import cache

import opencc

CONFIG = "tw2s"


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC(CONFIG)


def simplified(text: str) -> str:
    """The simplified-character form of a traditional-character text."""
    return _converter().convert(text)
