"""Property: whatever rows or bytes arrive, the importer answers with problems or rows,
never with an unhandled exception, and only all-valid input yields rows."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import roster
from app.core.config import ROOT, DataPaths
from app.core.models import Agency, Host, Level, Nature
from app.data import exports

DIVISIONS = roster.load_divisions(DataPaths(ROOT / "data"))  # read only
ADCODES = sorted(a for a in DIVISIONS if a.startswith("32"))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "=1+1", "320100", "32010", "NULL", "，", "\ufeff", "é"]),
)
row = st.fixed_dictionaries(
    {
        "agency_id": st.one_of(st.sampled_from(["a", "b", "c"]), cell),
        "level": st.one_of(st.sampled_from([v.value for v in Level]), cell),
        "division_adcode": st.one_of(st.sampled_from(ADCODES), cell),
        "name_zh": st.one_of(st.just("某机构"), cell),
        "name_en": st.one_of(st.just("An agency"), cell),
        "nature": st.one_of(st.sampled_from(["", *[v.value for v in Nature]]), cell),
        "host": st.one_of(st.sampled_from([v.value for v in Host]), cell),
        "rank": cell,
    }
)


def to_csv(rows: list[dict[str, str]], columns: list[str]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def check(data: bytes) -> None:
    agencies, problems = roster.validate(data, "fuzz.csv", DIVISIONS, "import-20260101-000000")
    assert all(isinstance(a, Agency) for a in agencies)
    assert not (agencies and problems)  # all or nothing
    for p in problems:
        assert roster.message(p, lambda key, **v: key + repr(sorted(v)))


@SETTINGS
@given(st.binary(max_size=4096))
def test_random_bytes_never_raise(data: bytes) -> None:
    check(data)


@SETTINGS
@given(
    st.sampled_from([b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"\xd0\xcf\x11\xe0", b""]),
    st.binary(max_size=2048),
)
def test_random_bytes_behind_a_known_signature_never_raise(prefix: bytes, data: bytes) -> None:
    check(prefix + data)


@SETTINGS
@given(st.lists(row, max_size=15), st.permutations(list(roster.IMPORT_COLUMNS)))
def test_random_rows_as_csv_never_raise(rows: list[dict[str, str]], columns: list[str]) -> None:
    data = to_csv(rows, columns)
    check(data)
    agencies, problems = roster.validate(data, "fuzz.csv", DIVISIONS, "import-20260101-000000")
    if not problems:
        assert len(agencies) == len(rows)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(row, min_size=1, max_size=8))
def test_random_rows_as_xlsx_never_raise(rows: list[dict[str, str]]) -> None:
    import pandas as pd

    check(exports.sheets_to_xlsx({"agencies": pd.DataFrame(rows)}))
