"""One colour per code, shared by every chart and map of the app.

Colours are the Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2008): eight
colours that viewers with the common colour-vision deficiencies, and projectors, can tell
apart. Each host code has exactly one colour everywhere; "unknown / not in source" is a
light neutral grey that is never used for a known value.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from app.core.models import Host, Nature, PushModel

# Okabe-Ito
ORANGE: Final = "#E69F00"
SKY_BLUE: Final = "#56B4E9"
BLUISH_GREEN: Final = "#009E73"
YELLOW: Final = "#F0E442"
BLUE: Final = "#0072B2"
VERMILLION: Final = "#D55E00"
REDDISH_PURPLE: Final = "#CC79A7"
BLACK: Final = "#000000"

UNKNOWN_COLOUR: Final = "#D9D9D9"
"""Fill for what the source does not say (never a known value's colour)."""

FADED: Final = 0.25
"""Opacity of what filters leave out (a map region, a bar): its colour stays recognisable."""

HOST_COLOURS: Final = MappingProxyType(
    {
        Host.GOVERNMENT_GENERAL_OFFICE.value: ORANGE,
        Host.GOVERNMENT_SERVICES_OFFICE.value: SKY_BLUE,
        Host.DEVELOPMENT_REFORM_COMMISSION.value: BLUISH_GREEN,
        Host.ADMINISTRATIVE_APPROVAL_BUREAU.value: YELLOW,
        Host.ECONOMIC_DEVELOPMENT_BUREAU.value: BLUE,
        Host.INDUSTRY_IT_BUREAU.value: VERMILLION,
        Host.CONSTITUENT_DEPARTMENT.value: REDDISH_PURPLE,
        Host.INDEPENDENT.value: BLACK,
    }
)

NATURE_COLOURS: Final = MappingProxyType(
    {
        Nature.ADMINISTRATIVE.value: BLUE,
        Nature.PUBLIC_INSTITUTION.value: ORANGE,
    }
)

PUSH_MODEL_COLOURS: Final = MappingProxyType(
    {
        PushModel.MODEL_1.value: BLUISH_GREEN,
        PushModel.MODEL_2.value: SKY_BLUE,
        PushModel.MODEL_3.value: REDDISH_PURPLE,
        PushModel.JIANGSU.value: VERMILLION,
    }
)

COVERAGE_COLOURS: Final = MappingProxyType(
    {
        "with_agency": BLUISH_GREEN,
        "without_agency": UNKNOWN_COLOUR,
    }
)

_DOMAINS: Final = MappingProxyType(
    {
        "host": HOST_COLOURS,
        "nature": NATURE_COLOURS,
        "push_model": PUSH_MODEL_COLOURS,
        "coverage": COVERAGE_COLOURS,
    }
)

# Text drawn on top of a fill: white on the dark fills, black on the light ones.
_DARK_FILLS: Final = frozenset({BLUE, VERMILLION, BLACK, BLUISH_GREEN})


def host_colour(code: str | None) -> str:
    """The colour of a host code; the unknown grey for None or an unknown code."""
    return HOST_COLOURS.get(str(code), UNKNOWN_COLOUR) if code is not None else UNKNOWN_COLOUR


def colour(domain: str, code: str | None) -> str:
    """The colour of a code in a domain ("host", "nature", "push_model", "coverage")."""
    table = _DOMAINS.get(domain)
    if table is None or code is None:
        return UNKNOWN_COLOUR
    return table.get(str(code), UNKNOWN_COLOUR)


def colour_map(domain: str) -> dict[str, str]:
    """A fresh {code: colour} dict for plotly's color_discrete_map."""
    return dict(_DOMAINS.get(domain, {}))


def text_colour(fill: str) -> str:
    """Readable text colour on top of a fill."""
    return "#FFFFFF" if fill.upper() in _DARK_FILLS else "#000000"
