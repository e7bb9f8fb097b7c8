"""Script conversion: the article is in traditional characters; readers get simplified too."""

from __future__ import annotations

from functools import cache

import opencc


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """The simplified-character form of a traditional-character text."""
    return _t2s().convert(text)
