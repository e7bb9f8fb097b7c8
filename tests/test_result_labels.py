"""The workbench's "show labels" step over a result: which columns gain a label column."""

from __future__ import annotations

import pandas as pd

from app.data import result_labels

MAPS = {
    "host": {"independent": "独立机构"},
    "level": {"city": "市级"},
    result_labels.ADCODE: {"320100": "南京市"},
}


def test_code_columns_gain_labels_by_name_and_only_for_known_codes() -> None:
    frame = pd.DataFrame(
        {
            "city_host": ["independent", None],  # a name ending in a domain
            "parent_adcode": [320100.0, None],  # an adcode the query made a number
            "level": ["nowhere", "elsewhere"],  # a code column's name, no code it knows
            "host_label": ["x", "y"],  # a label column is never labelled again
        }
    )
    out = result_labels.with_labels(frame, MAPS)
    assert list(out.columns) == [
        "city_host",
        "city_host_label",
        "parent_adcode",
        "parent_adcode_label",
        "level",
        "host_label",
    ]
    assert out["city_host_label"].tolist()[0] == "独立机构"
    assert out["parent_adcode_label"].tolist()[0] == "南京市"
    assert pd.isna(out["city_host_label"].tolist()[1])


def test_a_repeated_column_name_is_left_alone() -> None:
    frame = pd.DataFrame([["independent", "independent"]], columns=["host", "host"])
    assert list(result_labels.with_labels(frame, MAPS).columns) == ["host", "host"]
