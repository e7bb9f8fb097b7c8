"""The shell in a real browser: first deep link, language switch, overview figures."""

from tests.e2e.conftest import open_path


def test_overview_shows_computed_figures_in_english(page) -> None:
    open_path(page, "/?lang=en")
    main = page.locator("[data-testid='stMain']").inner_text()
    assert "Prefecture-level cities" in main
    for figure in ("13", "95", "76", "28"):
        assert figure in main
    assert not page.js_errors


def test_first_deep_link_opens_the_named_page(page) -> None:
    open_path(page, "/overview?lang=zh")
    assert (
        "概览" in page.locator("h1").first.inner_text()
        or "图谱" in page.locator("h1").first.inner_text()
    )


def test_language_switch_rewrites_the_url(page) -> None:
    open_path(page, "/?lang=zh")
    page.locator("[data-testid='stSidebar']").get_by_text("English").click()
    page.wait_for_url("**lang=en**")
    open_path(page, page.url.removeprefix(page.base_url))
    assert "Prefecture-level cities" in page.locator("[data-testid='stMain']").inner_text()
