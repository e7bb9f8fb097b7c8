"""User and imported text built to turn into markup: a roster whose names, excerpt and file
name hold images, links, bare URLs, e-mail addresses, HTML, maths and emphasis (used by
the AppTest and the browser tests of how pages show user text)."""

from __future__ import annotations

import io

import pandas as pd

from app.core.config import ROOT

EVIL = "evil.cn"
# Long (the story shows it as text; a roster caps it at 100 characters), full of markup.
NAME_ZH = (
    f"局![x](http://{EVIL}/z.png)[l](http://{EVIL}/l) https://{EVIL}/a www.{EVIL} a@{EVIL} "
    "**b** $x$"
)
# Short (the story shows it as a metric, whose value is Markdown too): an autolink.
NAME_EN = "www.evil.x"
EXCERPT = f"![x](http://{EVIL}/excerpt.png) https://{EVIL}/e <b>x</b> :material/home:"
# A city agency's name goes into the city map's hover text (plotly reads a few HTML tags).
CITY_NAME = f'<a href="http://{EVIL}/c">南京</a> <img src="http://{EVIL}/c.png">'
CITY_ID = "js-city-320100"
# A browser sends only the last part of a path: no "/" here (a failed import echoes 40
# characters of the name).
FILE_NAME = f"![x](www.{EVIL}) [l](mailto:a@{EVIL}) **b** <img src=x> www.{EVIL}.csv"
BAD_FILE_NAME = f"![b](www.{EVIL}) a@{EVIL}.csv"
# SQL whose error message echoes it.
SQL = f'SELECT "![x](http://{EVIL}/sql.png) www.{EVIL} a@{EVIL} **b**"'
RAW_MARKERS = ("![", "](", "<img", "**b**", "://", "www.evil", "@evil", "$x$", ":material/")

FIXTURE = ROOT / "tests" / "fixtures" / "roster_named_counties.csv"


def roster_bytes() -> bytes:
    """The named-county roster with the province agency's names and excerpt, and a city
    agency's names, made hostile."""
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    province = frame["level"] == "province"
    frame.loc[province, "name_zh"] = NAME_ZH
    frame.loc[province, "name_en"] = NAME_EN
    frame.loc[frame["agency_id"] == CITY_ID, ["name_zh", "name_en"]] = CITY_NAME
    frame["excerpt"] = ""
    frame.loc[province, "excerpt"] = EXCERPT
    out = io.StringIO()
    frame.to_csv(out, index=False)
    return out.getvalue().encode("utf-8")


def bad_roster_bytes() -> bytes:
    """A roster with one row that fails validation (so nothing is imported)."""
    return b"agency_id,level,division_adcode,name_zh,name_en,nature,host,rank\n" + (
        b"x,province,320000,a,b,administrative,no_such_host,\n"
    )
