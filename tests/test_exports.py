"""Downloads: every format reads back to the same data; formulas are neutralised in CSV/XLSX."""

from __future__ import annotations

import io
import json
from datetime import datetime

import duckdb
import openpyxl
import pandas as pd
import pytest

from app.data import export_cells, exports

DANGEROUS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")']


def sample() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name_zh": ["南京市", "徐州市", "江苏省大数据管理中心", None, "plain", "a,b", 'q"uote'],
            "n": [43, 11, 8, 7, 6, 1, -3],
            "share": [0.5657, 0.1447, 0.1053, 0.0921, 0.0789, 0.0132, -0.5],
            "formula": DANGEROUS,
        }
    )


def test_csv_has_bom_neutralises_formulas_and_keeps_numbers() -> None:
    frame = sample()
    payload = exports.to_bytes(frame, "csv")
    assert payload.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(payload), encoding="utf-8-sig", keep_default_na=False)
    assert back["n"].tolist() == frame["n"].tolist()  # numbers stay numbers (-3 too)
    assert back["n"].dtype.kind == "i"
    assert back["share"].tolist() == frame["share"].tolist()
    assert back["name_zh"].tolist() == [
        "南京市",
        "徐州市",
        "江苏省大数据管理中心",
        "",
        "plain",
        "a,b",
        'q"uote',
    ]
    assert back["formula"].tolist()[:4] == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd"]
    # nothing a spreadsheet would evaluate is left at the start of a cell
    assert not any(str(v).startswith(export_cells.FORMULA_START) for v in back["formula"])
    # read back with the neutralising quote removed, the text is the original
    assert [v[1:] for v in back["formula"]][:4] == DANGEROUS[:4]


def test_xlsx_cells_are_numbers_and_text_never_formulas() -> None:
    frame = sample()
    book = openpyxl.load_workbook(io.BytesIO(exports.to_bytes(frame, "xlsx", sheet="hosts")))
    sheet = book["hosts"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(frame.columns)
    assert [r[1] for r in rows[1:]] == frame["n"].tolist()
    assert all(isinstance(r[1], int) for r in rows[1:])
    assert [r[2] for r in rows[1:]] == pytest.approx(frame["share"].tolist())
    assert rows[1][0] == "南京市"
    assert rows[4][0] is None
    for cell in sheet["D"][1:]:
        assert cell.data_type == "s"  # a string, not a formula ("f")
        assert cell.value.startswith("'")
    assert [c.value[1:] for c in sheet["D"][1:]][:4] == DANGEROUS[:4]


def test_parquet_round_trips_exactly() -> None:
    frame = sample()
    back = pd.read_parquet(io.BytesIO(exports.to_bytes(frame, "parquet")))
    assert back["n"].tolist() == frame["n"].tolist()
    assert back["share"].tolist() == frame["share"].tolist()
    assert back["formula"].tolist() == DANGEROUS  # parquet is data, not a spreadsheet
    assert back["name_zh"].tolist() == frame["name_zh"].tolist()


def test_json_round_trips_records_with_chinese_unescaped() -> None:
    frame = sample()
    payload = exports.to_bytes(frame, "json")
    assert "南京市".encode() in payload
    records = json.loads(payload)
    assert records == frame.astype(object).where(frame.notna(), None).to_dict("records")


def test_duckdb_results_with_decimal_list_and_date_export_in_every_format() -> None:
    con = duckdb.connect()
    sql = (
        "SELECT 1.50::DECIMAL(4,2) AS d, [1, 2] AS l, DATE '2021-06-01' AS day, "
        "12::HUGEINT AS big, '徐州' AS zh"
    )
    frame = con.sql(sql).to_arrow_table().to_pandas()  # as user SQL results arrive
    back_csv = pd.read_csv(io.BytesIO(exports.to_bytes(frame, "csv")), encoding="utf-8-sig")
    assert back_csv.loc[0, "d"] == 1.5
    assert back_csv.loc[0, "l"] == "[1, 2]"
    assert back_csv.loc[0, "zh"] == "徐州"
    records = json.loads(exports.to_bytes(frame, "json"))
    assert records[0]["d"] == 1.5  # a number, not the string "1.5"
    assert records[0]["day"].startswith("2021-06-01")
    assert records[0]["big"] == 12
    back_pq = pd.read_parquet(io.BytesIO(exports.to_bytes(frame, "parquet")))
    assert back_pq.loc[0, "d"] == 1.5
    sheet = openpyxl.load_workbook(io.BytesIO(exports.to_bytes(frame, "xlsx"))).active
    assert sheet["A2"].value == 1.5
    assert sheet["E2"].value == "徐州"


def test_view_round_trips_through_every_format(data_copy) -> None:
    from app.data import db

    frame = db.view(db.connect(data_copy), "v_county_host")
    for fmt in exports.FORMATS:
        payload = exports.to_bytes(frame, fmt)
        if fmt == "csv":
            back = pd.read_csv(io.BytesIO(payload), encoding="utf-8-sig")
        elif fmt == "xlsx":
            back = pd.read_excel(io.BytesIO(payload))
        elif fmt == "parquet":
            back = pd.read_parquet(io.BytesIO(payload))
        else:
            back = pd.DataFrame(json.loads(payload))
        assert back["host"].tolist() == frame["host"].tolist(), fmt
        assert back["label_zh"].tolist() == frame["label_zh"].tolist(), fmt
        assert back["n"].tolist() == [43, 11, 8, 7, 6, 1], fmt
        assert back["share"].tolist() == pytest.approx(frame["share"].tolist()), fmt


def test_file_name_says_what_and_when() -> None:
    when = datetime(2026, 11, 27, 9, 30)
    assert exports.file_name("v_county_host", "csv", when) == "v_county_host-2026-11-27T0930.csv"
    assert exports.file_name("../etc/passwd", "json", when) == "etc_passwd-2026-11-27T0930.json"
    assert exports.file_name("", "xlsx", when) == "result-2026-11-27T0930.xlsx"
    with pytest.raises(ValueError, match="unknown format"):
        exports.to_bytes(sample(), "exe")


def test_several_sheets_in_one_workbook() -> None:
    payload = exports.sheets_to_xlsx({"a": sample(), "b": pd.DataFrame({"x": ["=evil"]})})
    book = openpyxl.load_workbook(io.BytesIO(payload))
    assert book.sheetnames == ["a", "b"]
    assert book["b"]["A2"].value == "'=evil"
