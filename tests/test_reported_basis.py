"""What a match in v_reported_vs_computed shows (finding 9): a confirmation where the rows
name their unit, only a consistency check where the rows were written from the number the
source states; and every place that says "matches" says which."""

from __future__ import annotations

import pandas as pd
import pytest

from app import roster
from app.core import checks
from app.core.config import data_paths
from app.core.i18n import translator
from app.data import db
from app.story import form
from tests.actors import LOCAL
from tests.conftest import run_page
from tests.test_roster import fixture_bytes

NAMED = {
    "city_units",
    "city_nature_administrative",
    "city_nature_public_institution",
    "city_host_constituent_department",
    "city_host_government_general_office",
    "city_host_government_services_office",
    "county_units",
}
COUNTY_AGENCIES = {
    "county_with_agency",
    "county_host_government_general_office",
    "county_host_development_reform_commission",
    "county_host_administrative_approval_bureau",
    "county_host_economic_development_bureau",
    "county_host_industry_it_bureau",
    "county_host_independent",
}
WRITTEN_FROM_THE_NUMBER = COUNTY_AGENCIES | {"push_models", "recommendations", "integrations"}


@pytest.fixture(scope="module")
def con():
    return db.connect(data_paths())


def by_basis(frame: pd.DataFrame) -> dict[str, set[str]]:
    return frame.groupby("basis")["figure_id"].apply(set).to_dict()


def test_basis_follows_the_source_on_the_seed(con) -> None:
    frame = db.view(con, "v_reported_vs_computed")
    assert by_basis(frame) == {
        "named_rows": NAMED,
        "placeholder_rows": WRITTEN_FROM_THE_NUMBER,
        "not_computable": {"provinces_with_data_agency"},
    }
    assert (frame["basis"] == "not_computable").eq(frame["status"] == "not_computable").all()


def test_placeholder_county_rows_are_written_from_the_figure_they_are_checked_against(
    con,
) -> None:
    """¶5 names no county: each county row carries the very words of the figure it counts
    toward, so a match of those figures is a consistency check, not a confirmation."""
    figures = db.view(con, "v_reported_vs_computed").set_index("figure_id")
    counties = db.view(con, "v_agencies").query("level == 'county'")
    assert counties["division_adcode"].isna().all()
    for host, rows in counties.groupby("host"):
        figure = figures.loc[f"county_host_{host}"]
        assert figure["basis"] == "placeholder_rows"
        assert set(rows["excerpt"]) == {figure["excerpt"]}
        assert len(rows) == figure["reported"]
    # the cities are named one by one: every city row names its unit
    cities = db.view(con, "v_agencies").query("level == 'city'")
    assert cities["division_adcode"].notna().all() and cities["division_adcode"].is_unique


def test_a_roster_that_names_every_county_turns_the_county_checks_into_confirmations(
    data_copy,
) -> None:
    snap = roster.import_roster(data_copy, fixture_bytes(), "named.csv", "", LOCAL).snapshot
    frame = db.view(db.connect(data_copy), "v_reported_vs_computed", snapshot=snap.snapshot_id)
    basis = by_basis(frame)
    assert basis["named_rows"] >= COUNTY_AGENCIES
    assert basis["placeholder_rows"] == {"push_models", "recommendations", "integrations"}


def test_summary_separates_confirmations_from_consistency_checks(con) -> None:
    found = checks.summarise(db.view(con, "v_reported_vs_computed"))
    assert set(found.confirmed) == NAMED
    assert set(found.consistent) == WRITTEN_FROM_THE_NUMBER
    assert found.differs == () and found.not_computable == ("provinces_with_data_agency",)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_says_which_matches_confirm_and_which_only_check_consistency(lang: str) -> None:
    t = translator(lang)
    at = run_page("overview", lang)
    assert not at.exception
    assert [s.value for s in at.success] == [t("checks.confirmed", n=len(NAMED))]
    assert [i.value for i in at.info if i.value.startswith(str(len(WRITTEN_FROM_THE_NUMBER)))] == [
        t("checks.consistent", n=len(WRITTEN_FROM_THE_NUMBER))
    ]
    captions = [c.value for c in at.caption]
    # the headline cards: cities and county-level units confirmed, counties with an agency not
    assert captions.count(t("checks.note_confirmed")) == 2
    assert captions.count(t("checks.note_consistent")) == 1
    everything = " ".join(e.value for e in [*at.success, *at.info, *at.caption])
    assert "All 17" not in everything and "17 个" not in everything


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_story_notes_say_what_each_headline_check_shows(lang: str) -> None:
    t = translator(lang)
    first = form.slide(1, lang, t)
    assert first.key == "question"
    notes = {f.label: f.note for f in first.facts}
    assert notes[t("overview.city_units")] == t("checks.note_confirmed")
    assert notes[t("overview.county_units")] == t("checks.note_confirmed")
    assert notes[t("overview.county_with_agency")] == t("checks.note_consistent")
    assert notes[t("overview.provinces_with_data_agency")] == t("story.stated_only")


def test_a_differing_headline_is_not_called_a_match() -> None:
    assert checks.match_note_key("differs", "placeholder_rows") == "checks.note_differs"
    assert checks.match_note_key("match", "placeholder_rows") == "checks.note_consistent"
    assert checks.match_note_key("match", "named_rows") == "checks.note_confirmed"
