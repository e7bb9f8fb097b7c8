"""The comparison page's rules: Jiangsu beside a classified peer, along the gap dimensions."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from app.core.codes import JIANGSU_ADCODE
from app.core.models import GapDimension

JIANGSU = JIANGSU_ADCODE
DEFAULT_PEER = "440000"  # Guangdong: the first benchmark the source names (¶2, ¶4)
DIMENSIONS = tuple(d.value for d in GapDimension)


@dataclass(frozen=True)
class Statement:
    text: str
    excerpt: str
    source_ref: str


@dataclass(frozen=True)
class Point:
    dimension: str
    jiangsu: Statement | None  # None = not in source
    peer: Statement | None


def peers(models: pd.DataFrame) -> list[str]:
    """Adcodes of the provinces the source classifies, Jiangsu excluded, in adcode order."""
    rows = models[models["classified"].astype(bool) & (models["adcode"] != JIANGSU)]
    return sorted(rows["adcode"])


def valid_peer(asked: str | None, choices: list[str]) -> str:
    """The asked peer if it is a choice, else the default (Guangdong)."""
    if asked in choices:
        return str(asked)
    return DEFAULT_PEER if DEFAULT_PEER in choices else choices[0]


def _statement(rows: pd.DataFrame, adcode: str, dimension: str, lang: str) -> Statement | None:
    hit = rows[(rows["adcode"] == adcode) & (rows["dimension"] == dimension)]
    if hit.empty:
        return None
    row = hit.iloc[0]
    return Statement(
        str(row["statement_zh" if lang == "zh" else "statement_en"]),
        str(row["excerpt"]),
        str(row["source_ref"]),
    )


def side_by_side(statements: pd.DataFrame, peer: str, lang: str) -> list[Point]:
    """One point per gap dimension: what the source says of Jiangsu and of the peer."""
    return [
        Point(d, _statement(statements, JIANGSU, d, lang), _statement(statements, peer, d, lang))
        for d in DIMENSIONS
    ]


def said_count(points: list[Point]) -> tuple[int, int]:
    """How many dimensions the source speaks to, for Jiangsu and for the peer."""
    return sum(p.jiangsu is not None for p in points), sum(p.peer is not None for p in points)
