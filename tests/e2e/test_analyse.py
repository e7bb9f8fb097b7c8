"""Analyse pages in a real browser: run a saved query, download the CSV and XLSX, read them
back; Ctrl+Enter runs the editor's query."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import openpyxl
from PIL import Image

from tests.e2e.conftest import open_path, settle
from tests.test_workbench_sandbox import RUNAWAY


def test_saved_query_runs_in_one_click_and_its_downloads(page) -> None:
    open_path(page, "/workbench?lang=en")
    main = page.locator("[data-testid='stMain']")
    main.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="County agencies by host").click()
    settle(page)  # choosing it loads and runs it: no Load, no Run
    editor = main.locator("textarea").first
    assert "-- title: County agencies by host" in editor.input_value()
    assert "6 rows (6 shown)" in main.inner_text()
    # the link names the saved query; its text stays out of the URL until it is edited
    query = parse_qs(urlparse(page.url).query)
    assert query["saved"] == ["county_hosts"] and "sql" not in query
    page.locator("[data-testid='stSidebar'] [data-testid='stPopover'] button").first.click()
    code = page.locator("[data-testid='stPopoverBody'] [data-testid='stCode'] code").first
    shared = parse_qs(urlparse(code.inner_text().strip()).query)  # the copy-link popover's
    page.keyboard.press("Escape")
    assert shared["saved"] == ["county_hosts"] and "sql" not in shared

    with page.expect_download() as info:
        main.locator("[data-testid='stDownloadButton']").filter(has_text="CSV").first.click()
    download = info.value
    assert download.suggested_filename.startswith("county_hosts-")
    assert download.suggested_filename.endswith(".csv")
    payload = Path(download.path()).read_bytes()
    assert payload.startswith(b"\xef\xbb\xbf")  # Excel shows the Chinese labels
    rows = list(csv.DictReader(io.StringIO(payload.decode("utf-8-sig"))))
    assert [r["host"] for r in rows][:2] == [
        "government_general_office",
        "development_reform_commission",
    ]
    assert [int(r["n"]) for r in rows] == [43, 11, 8, 7, 6, 1]
    assert rows[0]["label_zh"] == "政府办（办公厅）"

    with page.expect_download() as info:
        main.locator("[data-testid='stDownloadButton']").filter(has_text="Excel").first.click()
    book = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert book.sheetnames == ["result", "about"]
    about = {r[0].value: r[1].value for r in book["about"].iter_rows(min_row=2) if r[0].value}
    assert "title: County agencies by host" in about["query"]
    assert about["$min_n"] == "1" and about["rows"] == "6"
    assert not page.js_errors


def test_ctrl_enter_runs_the_edited_query(page) -> None:
    open_path(page, "/workbench?lang=en&saved=county_hosts")
    main = page.locator("[data-testid='stMain']")
    assert "6 rows (6 shown)" in main.inner_text()
    editor = main.locator("textarea").first
    editor.fill("SELECT host, n FROM v_county_host WHERE n > 7 ORDER BY n")
    editor.press("Control+Enter")
    settle(page)
    text = main.inner_text()
    assert "3 rows (3 shown)" in text and "previous run" not in text
    # the edited query goes into the URL as SQL
    assert "WHERE n > 7" in parse_qs(urlparse(page.url).query)["sql"][0]


def test_edited_query_and_parameter_reopen_from_the_link(page) -> None:
    open_path(page, "/workbench?lang=en")
    main = page.locator("[data-testid='stMain']")
    editor = main.locator("textarea").first
    editor.fill("-- param min_n: int 1\nSELECT host, n FROM v_county_host WHERE n >= $min_n")
    editor.press("Control+Enter")
    settle(page)
    number = main.locator("[data-testid='stNumberInput'] input").first
    number.fill("10")
    number.press("Enter")  # Enter in a parameter runs the query too
    settle(page)
    assert "2 rows (2 shown)" in main.inner_text()
    link = page.url
    assert "p_min_n=10" in link
    # a fresh visit to the same link shows the same query, parameter and result
    open_path(page, link.removeprefix(page.base_url))
    main = page.locator("[data-testid='stMain']")
    assert "WHERE n >= $min_n" in main.locator("textarea").first.input_value()
    assert "2 rows (2 shown)" in main.inner_text()


def test_runaway_query_is_stopped_and_the_next_one_runs(page) -> None:
    open_path(page, "/workbench?lang=en")
    main = page.locator("[data-testid='stMain']")
    editor = main.locator("textarea").first
    editor.fill(RUNAWAY)
    editor.press("Control+Enter")
    settle(page, timeout_ms=60000)
    assert "was stopped after 5 seconds" in main.inner_text()
    editor.fill("SELECT 41 + 1 AS answer")
    main.get_by_role("button", name="Run").click()
    settle(page)
    text = main.inner_text()
    assert "1 rows (1 shown)" in text and "was stopped" not in text


def column_edges(page, table) -> list[float]:
    """The x of each vertical line between a table's header cells, in page pixels: the
    grid draws its headers on a canvas, so they are read from its pixels."""
    canvas = table.locator("canvas").first
    box = canvas.bounding_box()
    shot = page.screenshot(clip={"x": box["x"], "y": box["y"], "width": box["width"], "height": 36})
    image = Image.open(io.BytesIO(shot)).convert("L")
    width, height = image.size
    inner = range(4, height - 4)
    return [
        box["x"] + x
        for x in range(width)
        if sum(image.getpixel((x, y)) < 235 for y in inner) >= len(inner) - 2
    ]


def test_reported_and_computed_are_on_screen_at_1366(browser, server_url) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.base_url = server_url
    try:
        for lang, names in (("zh", ("原文数字", "计算值")), ("en", ("Reported", "Computed"))):
            open_path(page, f"/dictionary?lang={lang}&tab=figures")
            table = page.locator("[data-testid='stDataFrame']:visible").first
            # the grid fills its accessible header row a moment after it draws
            header = table.locator("[role=columnheader]")
            header.filter(has_text=names[0]).first.wait_for(state="attached")
            headers = header.all_inner_texts()
            edges = column_edges(page, table)
            right = table.bounding_box()["x"] + table.bounding_box()["width"]
            for name in names:
                k = headers.index(name)  # column k lies between edges k and k + 1
                assert k + 1 < len(edges), (lang, name, headers, edges)
                assert edges[k] < edges[k + 1] <= min(right, 1366), (lang, name, edges)
        # choosing a tab writes it into the URL
        page.get_by_role("tab", name="Sources").click()
        settle(page)
        assert parse_qs(urlparse(page.url).query)["tab"] == ["sources"]
    finally:
        context.close()
