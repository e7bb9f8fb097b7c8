"""Scenarios: applying steps on a copy, the two presets, storage and export."""

from __future__ import annotations

import io
import json
from fractions import Fraction
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from app import scenarios
from app.core import metrics
from app.core.config import data_paths
from app.core.models import Host, Nature
from app.data import db
from app.scenarios import Centre, Create, Move, ScenarioError


@pytest.fixture(scope="module")
def seed() -> tuple[pd.DataFrame, dict[str, int]]:
    con = db.connect(data_paths())
    return db.view(con, "v_agencies"), metrics.level_units(db.view(con, "divisions"))


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "state.sqlite"


def ratios(m: metrics.LevelMetrics) -> dict[str, str]:
    return {k: str(getattr(m, k)) for k in metrics.METRICS}


def test_preset_as_the_model_provinces(seed) -> None:
    agencies, units = seed
    before = agencies.copy(deep=True)
    s = scenarios.as_model_provinces("model", agencies)
    # one move per host that is not the centre's: 3 at city level, 6 at county level
    assert [(m.level, m.from_host.value) for m in s.steps].count(
        ("county", "government_general_office")
    ) == 1
    assert len(s.steps) == 3 + 6
    assert all(m.to_host is Host.GOVERNMENT_SERVICES_OFFICE for m in s.steps)
    after = scenarios.apply(s, agencies, units)
    city, county = metrics.level_metrics(after.agencies, units)
    assert ratios(city) == {
        "coverage": "13/13",
        "hhi": "169/169",
        "effective_hosts": "169/169",
        "alignment": "13/13",
    }
    assert ratios(county) == {
        "coverage": "76/95",
        "hhi": "5776/5776",
        "effective_hosts": "5776/5776",
        "alignment": "76/76",
    }
    assert sum(after.affected) == 12 + 76
    pd.testing.assert_frame_equal(agencies, before)  # the source frame is untouched


def test_preset_fill_coverage(seed) -> None:
    agencies, units = seed
    s = scenarios.fill_coverage("fill", agencies, units)
    assert s.steps == (Create(count=19, host=Host.GOVERNMENT_GENERAL_OFFICE),)
    after = scenarios.apply(s, agencies, units)
    city, county = metrics.level_metrics(after.agencies, units)
    assert ratios(city) == ratios(metrics.level_metrics(agencies, units)[0])
    assert str(county.coverage) == "95/95"
    # 43 + 19 = 62 at the government office: 62² + 11² + 8² + 7² + 6² + 1² = 4115
    assert str(county.hhi) == "4115/9025"
    assert county.effective_hosts.decimal() == "2.19"
    assert str(county.alignment) == "0/95"
    assert len(agencies) == 90 and len(after.agencies) == 109


def test_both_presets_together(seed) -> None:
    agencies, units = seed
    fill = scenarios.fill_coverage("x", agencies, units, host=Host.INDEPENDENT)
    model = scenarios.as_model_provinces("x", scenarios.apply(fill, agencies, units).agencies)
    both = fill.with_steps(*model.steps)
    city, county = metrics.level_metrics(scenarios.apply(both, agencies, units).agencies, units)
    assert str(county.coverage) == "95/95" and str(county.alignment) == "95/95"
    assert county.hhi.fraction == 1 and city.alignment.fraction == 1


def test_move_chosen_cities_and_part_of_a_county_group(seed) -> None:
    agencies, units = seed
    s = scenarios.make(
        "partial",
        steps=(
            Move(
                level="city",
                from_host=Host.GOVERNMENT_GENERAL_OFFICE,
                to_host=Host.GOVERNMENT_SERVICES_OFFICE,
                cities=("321100", "321200", "320100"),  # Nanjing is not at the office: skipped
            ),
            Move(
                level="county",
                from_host=Host.DEVELOPMENT_REFORM_COMMISSION,
                to_host=Host.GOVERNMENT_SERVICES_OFFICE,
                count=5,
            ),
        ),
    )
    after = scenarios.apply(s, agencies, units)
    assert after.affected == (2, 5)
    city, county = metrics.level_metrics(after.agencies, units)
    assert str(city.alignment) == "3/13"
    assert city.hhi.fraction == Fraction(6**2 + 3**2 + 2**2 + 2**2, 169)
    assert str(county.alignment) == "5/76"
    dist = scenarios.distribution(agencies, after.agencies, "county").set_index("host")
    assert dist.loc["development_reform_commission"].tolist() == [11, 6, -5]
    assert dist.loc["government_services_office"].tolist() == [0, 5, 5]
    assert dist["change"].sum() == 0


def test_centre_change_moves_the_line(seed) -> None:
    agencies, units = seed
    s = scenarios.make(
        "centre",
        steps=(Centre(host=Host.GOVERNMENT_GENERAL_OFFICE, nature=Nature.ADMINISTRATIVE),),
    )
    after = scenarios.apply(s, agencies, units)
    assert scenarios.centre_row(after.agencies) == {
        "host": "government_general_office",
        "nature": "administrative",
    }
    city, county = metrics.level_metrics(after.agencies, units)
    assert str(city.alignment) == "8/13" and str(county.alignment) == "43/76"
    assert scenarios.centre_row(agencies)["host"] == "government_services_office"


def test_bad_input_gives_a_message_key(seed) -> None:
    agencies, units = seed
    with pytest.raises(ScenarioError) as e:
        scenarios.apply(
            scenarios.make("x", steps=(Create(count=20, host=Host.INDEPENDENT),)), agencies, units
        )
    assert e.value.key == "scenarios.error_create_room" and e.value.values["room"] == 19
    for name, key in (("", "scenarios.error_name"), ("x" * 81, "scenarios.error_name")):
        with pytest.raises(ScenarioError) as e:
            scenarios.make(name)
        assert e.value.key == key
    with pytest.raises(ScenarioError) as e:
        scenarios.make("x", note="n" * 1001)
    assert e.value.key == "scenarios.error_note"


def test_save_reopen_overwrite_compare_delete(seed, store: Path) -> None:
    agencies, units = seed
    model = scenarios.as_model_provinces("模范省份", agencies)
    fill = scenarios.fill_coverage("fill", agencies, units)
    assert scenarios.save(model, "ana", overwrite=False, path=store) == 1
    scenarios.save(fill, "ben", overwrite=False, path=store)
    with pytest.raises(ScenarioError) as e:
        scenarios.save(fill, "ben", overwrite=False, path=store)
    assert e.value.key == "scenarios.error_exists"
    assert scenarios.save(fill, "ben", overwrite=True, path=store) == 2
    assert scenarios.load("模范省份", path=store) == model
    listed = scenarios.saved(path=store).set_index("name")
    assert listed.loc["模范省份", "steps"] == 9 and listed.loc["fill", "version"] == 2
    table = scenarios.compare([model, fill], agencies, units, "source").set_index(
        ["level", "metric"]
    )
    assert table.loc[("county", "alignment"), "source"] == "0.00 (0/76)"
    assert table.loc[("county", "alignment"), "模范省份"] == "1.00 (76/76)"
    assert table.loc[("county", "coverage"), "fill"] == "1.00 (95/95)"
    assert scenarios.delete("fill", path=store)
    with pytest.raises(ScenarioError):
        scenarios.load("fill", path=store)


def test_export_xlsx_and_json(seed) -> None:
    agencies, units = seed
    s = scenarios.make(
        '=HYPERLINK("http://x")',
        note="<script>alert(1)</script>",
        steps=scenarios.fill_coverage("f", agencies, units).steps,
    )
    tables = scenarios.report(s, agencies, units)
    book = openpyxl.load_workbook(io.BytesIO(scenarios.to_xlsx(tables)))
    assert book.sheetnames == ["scenario", "steps", "metrics", "distribution", "agencies_after"]
    name_cell = book["scenario"]["A2"]
    assert name_cell.data_type == "s" and name_cell.value.startswith("'=")
    metric_rows = list(book["metrics"].iter_rows(values_only=True))
    assert metric_rows[5][:6] == ("county", "coverage", "76/95", 0.8, "95/95", 1.0)
    doc = json.loads(scenarios.to_json(s, tables))
    assert scenarios.Scenario.model_validate(doc["scenario"]) == s
    assert {"level": "county", "metric": "hhi", "after": "4115/9025"}.items() <= next(
        r for r in doc["metrics"] if r["level"] == "county" and r["metric"] == "hhi"
    ).items()
