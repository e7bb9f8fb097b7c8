"""The benchmark's own machinery: national-scale data, the empty-page entry, small-unit geometry.

No timings are asserted here; `make bench` prints them.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
import shapely
from shapely.geometry import box
from streamlit.testing.v1 import AppTest

from app.core.config import ROOT
from app.core.i18n import translator
from app.core.models import Host
from app.data import db
from app.figures import geo
from bench import pages
from bench.national import SYNTHETIC_REF, make_national_data, national_divisions


@pytest.fixture(scope="module")
def national():
    return national_divisions()


def test_national_divisions_cover_every_county_level_unit_once(national) -> None:
    levels = Counter(d["level"] for d in national.divisions)
    assert levels["province"] == 34
    # the index lists 2,875 county-level units; Taiwan's is the province itself
    assert national.counties == 2874
    assert national.skipped == ["710000 台湾省"]
    codes = [d["adcode"] for d in national.divisions]
    assert len(codes) == len(set(codes))


def test_every_parent_exists_and_sits_one_level_up_or_is_the_province(national) -> None:
    by_code = {d["adcode"]: d for d in national.divisions}
    for d in national.divisions:
        if d["level"] == "province":
            assert d["parent_adcode"] == ""
            continue
        parent = by_code[d["parent_adcode"]]
        allowed = {"city": {"province"}, "county": {"city", "province"}}[d["level"]]
        assert parent["level"] in allowed, d
    # a municipality's districts hang from its city-level unit; Dongguan from Guangdong
    assert by_code["110101"]["parent_adcode"] == "110100"
    assert by_code["110100"]["parent_adcode"] == "110000"
    assert (by_code["441900"]["level"], by_code["441900"]["parent_adcode"]) == ("county", "440000")


def test_jiangsu_rows_are_the_seed_divisions(national) -> None:
    with (ROOT / "data" / "sources" / "divisions.csv").open(encoding="utf-8") as fh:
        seed = {r["adcode"]: r for r in csv.DictReader(fh) if r["adcode"].startswith("32")}
    ours = {d["adcode"]: d for d in national.divisions if d["adcode"].startswith("32")}
    assert ours == seed


def test_national_data_builds_and_the_views_see_one_synthetic_agency_per_county(
    tmp_path: Path,
) -> None:
    paths, national, counts = make_national_data(tmp_path / "data")
    assert counts["divisions"] == len(national.divisions)
    con = db.connect(paths)
    try:
        agencies = db.view(con, "v_agencies")
    finally:
        con.close()
    county = agencies[agencies["level"] == "county"]
    assert len(county) == national.counties
    assert county["division_adcode"].is_unique and county["division_adcode"].notna().all()
    assert set(county["source_ref"]) == {SYNTHETIC_REF}
    assert county["name_en"].str.contains("synthetic benchmark").all()
    assert set(county["host"]) == {h.value for h in Host}
    # the seed's province and city agencies are kept as they are
    assert (agencies["level"] == "city").sum() == 13
    assert (agencies["level"] == "province").sum() == 1


def test_a_unit_too_small_for_the_grid_keeps_its_shape() -> None:
    tiny = box(120.0001, 30.0001, 120.0031, 30.0031)  # about 300 m across
    snapped, digits = geo._snapped(tiny, 2)
    assert not snapped.is_empty and digits == 3
    big = box(120.0, 30.0, 121.0, 31.0)
    snapped, digits = geo._snapped(big, 2)
    assert digits == 2 and shapely.equals(snapped, big)


def test_bench_finds_every_page_of_the_app() -> None:
    stems = pages.app_pages()
    registered = {p.stem for p in (ROOT / "pages").glob("*.py")}
    assert set(stems) == registered
    assert pages.url_of("overview") == "/" and pages.url_of("structure") == "/structure"


def test_the_empty_page_runs_in_the_app_shell_and_draws_nothing(tmp_path: Path) -> None:
    entry = pages.bench_entry(tmp_path)
    at = AppTest.from_file(str(entry), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page(pages.EMPTY_PAGE).run()
    assert not at.exception
    assert not at.title and not at.metric  # the page itself draws nothing
    assert translator("en")("app.footer") in [c.value for c in at.caption]  # the shell runs


def test_every_bench_module_imports() -> None:
    """`make bench` runs for minutes; at least its modules load against today's app/."""
    import importlib

    for name in ("table", "pages", "maps", "browser", "national", "__main__"):
        importlib.import_module(f"bench.{name}")
