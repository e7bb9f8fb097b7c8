"""Scenarios: steps applied on a copy, figures from the views over the scenario's rows, the
two presets, storage and export."""

from __future__ import annotations

import io
import json
from fractions import Fraction
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from app.core import metrics
from app.core.config import data_paths
from app.core.models import Host, Nature
from app.core.roles import Refused
from app.data import db
from app.data.store import SqliteStore
from app.scenarios import engine, export, model, results, store
from app.scenarios.model import Centre, Create, Move, ScenarioError
from tests.actors import EDITOR, LOCAL, VIEWER


@pytest.fixture(scope="module")
def con():
    return db.connect(data_paths())


@pytest.fixture(scope="module")
def seed(con) -> tuple[pd.DataFrame, results.Figures]:
    return db.view(con, "v_agencies"), results.figures(con)


@pytest.fixture
def state(tmp_path: Path) -> SqliteStore:
    return SqliteStore(tmp_path / "state.sqlite")


def run(con, seed, scenario: model.Scenario) -> results.Outcome:
    return results.outcome(con, scenario, seed[0])


def ratios(m: metrics.LevelMetrics) -> dict[str, str]:
    return {k: str(getattr(m, k)) for k in metrics.METRICS}


def model_preset(figures: results.Figures, name: str = "model") -> model.Scenario:
    return model.under_centre_host(name, figures.metrics, figures.counts)


def fill_preset(figures: results.Figures, name: str = "fill", **kw) -> model.Scenario:
    return model.fill_coverage(name, figures.metrics, figures.counts, **kw)


def test_preset_every_agency_under_the_centre_host(con, seed) -> None:
    agencies, before = seed
    untouched = agencies.copy(deep=True)
    s = model_preset(before)
    # one move per host that is not the centre's: 3 at city level, 6 at county level
    assert [(m.level, m.from_host.value) for m in s.steps].count(
        ("county", "government_general_office")
    ) == 1
    assert len(s.steps) == 3 + 6
    assert all(m.to_host is Host.GOVERNMENT_SERVICES_OFFICE for m in s.steps)
    out = run(con, seed, s)
    city, county = out.after.metrics
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
    assert sum(out.applied.affected) == 12 + 76
    pd.testing.assert_frame_equal(agencies, untouched)  # the source frame is untouched


def test_preset_fill_coverage(con, seed) -> None:
    agencies, before = seed
    s = fill_preset(before)
    assert s.steps == (Create(count=19, host=Host.GOVERNMENT_GENERAL_OFFICE),)
    out = run(con, seed, s)
    city, county = out.after.metrics
    assert ratios(city) == ratios(before.metrics[0])
    assert str(county.coverage) == "95/95"
    # 43 + 19 = 62 at the government office: 62² + 11² + 8² + 7² + 6² + 1² = 4115
    assert str(county.hhi) == "4115/9025"
    assert county.effective_hosts.decimal() == "2.19"
    assert str(county.alignment) == "0/95"
    assert len(agencies) == 90 and len(out.applied.agencies) == 109
    assert out.applied.room == 0 and county.units_without == 0


def test_after_figures_are_the_views_over_the_same_rows(con, seed) -> None:
    """The scenario's figures are v_level_metrics and the host views run over its rows."""
    before = seed[1]
    s = fill_preset(before).with_steps(*model_preset(before).steps[:2])
    out = run(con, seed, s)
    cur = con.cursor()
    cur.register("agencies", out.applied.agencies.assign(snapshot="seed"))
    view = cur.execute("SELECT * FROM v_level_metrics").df()
    assert out.after.metrics == [metrics.from_view(r) for _, r in view.iterrows()]
    county_host = cur.execute("SELECT host, n FROM v_county_host").df()
    assert out.distribution("county").set_index("host")["after"].to_dict() == dict(
        zip(county_host["host"], county_host["n"], strict=True)
    )
    cur.close()
    # the source's figures are the snapshot's view, untouched by the registration
    assert out.before.metrics == [
        metrics.from_view(r) for _, r in db.view(con, "v_level_metrics").iterrows()
    ]


def test_both_presets_together(con, seed) -> None:
    _, before = seed
    fill = fill_preset(before, "x", host=Host.INDEPENDENT)
    filled = run(con, seed, fill)
    both = fill.with_steps(*model_preset(filled.after, "x").steps)
    city, county = run(con, seed, both).after.metrics
    assert str(county.coverage) == "95/95" and str(county.alignment) == "95/95"
    assert county.hhi.fraction == 1 and city.alignment.fraction == 1


def test_move_chosen_cities_and_part_of_a_county_group(con, seed) -> None:
    s = model.make(
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
    out = run(con, seed, s)
    assert out.applied.affected == (2, 5)
    city, county = out.after.metrics
    assert str(city.alignment) == "3/13"
    assert city.hhi.fraction == Fraction(6**2 + 3**2 + 2**2 + 2**2, 169)
    assert str(county.alignment) == "5/76"
    dist = out.distribution("county").set_index("host")
    assert dist.loc["development_reform_commission"].tolist() == [11, 6, -5]
    assert dist.loc["government_services_office"].tolist() == [0, 5, 5]
    assert dist["change"].sum() == 0


def test_centre_change_moves_the_line(con, seed) -> None:
    s = model.make(
        "centre",
        steps=(Centre(host=Host.GOVERNMENT_GENERAL_OFFICE, nature=Nature.ADMINISTRATIVE),),
    )
    out = run(con, seed, s)
    assert out.centre_after == {"host": "government_general_office", "nature": "administrative"}
    city, county = out.after.metrics
    assert str(city.alignment) == "8/13" and str(county.alignment) == "43/76"
    assert out.centre_before["host"] == "government_services_office"


def test_bad_input_gives_a_message_key(con, seed) -> None:
    with pytest.raises(ScenarioError) as e:
        run(con, seed, model.make("x", steps=(Create(count=20, host=Host.INDEPENDENT),)))
    assert e.value.key == "scenarios.error_create_room" and e.value.values["room"] == 19
    with pytest.raises(ScenarioError) as e:  # the room is used up step by step
        engine.apply(
            model.make("x", steps=(Create(count=10, host=Host.INDEPENDENT),) * 2), seed[0], 19
        )
    assert e.value.values == {"n": 10, "room": 9}
    for name, key in (("", "scenarios.error_name"), ("x" * 81, "scenarios.error_name")):
        with pytest.raises(ScenarioError) as e:
            model.make(name)
        assert e.value.key == key
    with pytest.raises(ScenarioError) as e:
        model.make("x", note="n" * 1001)
    assert e.value.key == "scenarios.error_note"


def test_steps_key_round_trips(seed) -> None:
    s = model_preset(seed[1])
    assert model.from_steps_key(model.steps_key(s.steps)).steps == s.steps


def test_save_reopen_overwrite_compare_delete(con, seed, state: SqliteStore) -> None:
    _, before = seed
    preset = model_preset(before, "模范省份")
    fill = fill_preset(before)
    assert store.save(preset, EDITOR, overwrite=False, store=state) == 1
    store.save(fill, LOCAL, overwrite=False, store=state, label=" Typed ")
    with pytest.raises(ScenarioError) as e:
        store.save(fill, LOCAL, overwrite=False, store=state)
    assert e.value.key == "scenarios.error_exists"
    assert store.save(fill, LOCAL, overwrite=True, store=state, label="Typed") == 2
    assert store.load("模范省份", state) == preset
    listed = store.saved(state).set_index("name")
    assert listed.loc["模范省份", "steps"] == 9 and listed.loc["fill", "version"] == 2
    # saved by the signed-in name, else the name typed at this computer, never an identity
    assert listed["saved_by"].to_dict() == {"模范省份": "Ed", "fill": "Typed"}
    store.save(fill, LOCAL, overwrite=True, store=state)
    assert pd.isna(store.saved(state).set_index("name").loc["fill", "saved_by"])
    columns = {"source": before.metrics}
    columns.update({s.name: run(con, seed, s).after.metrics for s in (preset, fill)})
    table = results.compare(columns).set_index(["level", "metric"])
    assert table.loc[("county", "alignment"), "source"] == "0.00 (0/76)"
    assert table.loc[("county", "alignment"), "模范省份"] == "1.00 (76/76)"
    assert table.loc[("county", "coverage"), "fill"] == "1.00 (95/95)"
    assert store.delete("fill", EDITOR, state)
    with pytest.raises(ScenarioError):
        store.load("fill", state)


def test_a_viewer_can_neither_save_nor_delete(seed, state: SqliteStore) -> None:
    preset = model_preset(seed[1], "模范省份")
    store.save(preset, EDITOR, overwrite=False, store=state)
    with pytest.raises(Refused) as e:
        store.save(fill_preset(seed[1]), VIEWER, overwrite=False, store=state)
    assert e.value.key == "auth.refused_scenario"
    with pytest.raises(Refused):
        store.delete("模范省份", VIEWER, state)
    assert store.saved(state)["name"].tolist() == ["模范省份"]


def test_export_xlsx_and_json(con, seed) -> None:
    s = model.make(
        '=HYPERLINK("http://x")',
        note="<script>alert(1)</script>",
        steps=fill_preset(seed[1]).steps,
    )
    tables = export.report(s, run(con, seed, s))
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(tables)))
    assert book.sheetnames == ["scenario", "steps", "metrics", "distribution", "agencies_after"]
    name_cell = book["scenario"]["A2"]
    assert name_cell.data_type == "s" and name_cell.value.startswith("'=")
    metric_rows = list(book["metrics"].iter_rows(values_only=True))
    assert metric_rows[5][:6] == ("county", "coverage", "76/95", 0.8, "95/95", 1.0)
    assert len(list(book["agencies_after"].iter_rows())) == 1 + 109
    doc = json.loads(export.to_json(s, tables))
    assert model.Scenario.model_validate(doc["scenario"]) == s
    assert {"level": "county", "metric": "hhi", "after": "4115/9025"}.items() <= next(
        r for r in doc["metrics"] if r["level"] == "county" and r["metric"] == "hhi"
    ).items()
