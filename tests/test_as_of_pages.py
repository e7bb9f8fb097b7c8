"""Pages whose figures come from the source say so: the as-of notice, in both languages."""

from __future__ import annotations

import pytest

from app.core.i18n import translator
from app.data.store import FILE_ENV
from tests.conftest import run_page


@pytest.fixture(autouse=True)
def _private_state(data_copy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FILE_ENV, raising=False)


@pytest.mark.parametrize("page", ["gap", "scenarios", "checklist"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_shows_the_as_of_notice(page: str, lang: str) -> None:
    at = run_page(page, lang)
    assert not at.exception
    assert translator(lang)("app.as_of") in [i.value for i in at.info]


@pytest.mark.parametrize(
    ("lang", "when"), [("zh", "在来源所述时期"), ("en", "at the time the source describes")]
)
def test_the_gap_intro_speaks_of_the_source_s_time(lang: str, when: str) -> None:
    at = run_page("gap", lang)
    intro = translator(lang)("gap.intro")
    assert intro in [m.value for m in at.markdown]
    assert when in intro
    assert " is from " not in intro
