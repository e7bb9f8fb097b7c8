"""Every page in Chinese reads as written by a person: full-width punctuation between
Chinese characters, and no English word outside the names a Chinese reader uses as they
are (SQL, HHI, CSV, ...).

The walker reads what the browser shows: the rendered text of the main area and the
sidebar, and the text drawn inside charts and maps (SVG). Icons (Material Symbols are
written as ligature words) and what sits behind a closed expander are not read: the
original, traditional-character quotation is one click away on purpose.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import open_path

pytestmark = pytest.mark.e2e

PATHS = [
    "/",
    "/structure",
    "/structure?city_320100=true&level_city=true",  # the active-filter line
    "/models",
    "/compare",
    "/gap",
    "/scenarios",
    "/checklist",
    "/workbench",
    "/dictionary",
    "/import",
    *(f"/story?slide={n}" for n in range(1, 8)),
]
# Names a Chinese reader writes as they are: formats, measures, products and the map data.
NAMES = {
    "SQL", "HHI", "CSV", "XLSX", "JSON", "Parquet", "URL", "HTML", "PNG", "Markdown",
    "UTF", "GBK", "Excel", "DuckDB", "UTC", "MIT", "cnmaps", "data", "English", "MB", "KB",
}  # fmt: skip
HAN = r"\u3400-\u9fff"
HALF_WIDTH = re.compile(rf"[{HAN}][,:;()]|[,:;()][{HAN}]")
URL = re.compile(r"(?:https?://)?[\w.-]+\.[a-z]{2,}(?:/\S*)?")
WORD = re.compile(r"(?<![\w$#/.@-])[A-Za-z][A-Za-z]+(?![\w])")
# Text as rendered, icons removed; charts' SVG text added (a tspan per label line).
SHOWN_JS = """() => {
  const parts = [];
  const roots = document.querySelectorAll("[data-testid='stMain'], [data-testid='stSidebar']");
  for (const root of roots) {  // icons are ligature words in an icon font
    for (const e of root.querySelectorAll("span, i")) {
      if (getComputedStyle(e).fontFamily.includes("Material")) e.dataset.icon = "1";
    }
  }
  for (const root of roots) {
    const copy = root.cloneNode(true);
    copy.querySelectorAll("[data-icon], details:not([open]) > :not(summary), code,"
      + " .modebar, textarea, input, style, script").forEach(e => e.remove());
    document.body.appendChild(copy);
    copy.style.position = "absolute"; copy.style.left = "-99999px";
    parts.push(copy.innerText);
    copy.remove();
  }
  for (const t of document.querySelectorAll("[data-testid='stMain'] svg text")) {
    parts.push(t.textContent);
  }
  return parts.join("\\n");
}"""


def problems(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        for m in HALF_WIDTH.finditer(line):
            found.append(f"half-width {m.group()!r} in {line[:80]!r}")
        for m in WORD.finditer(URL.sub(" ", line)):
            if m.group() not in NAMES:
                found.append(f"English {m.group()!r} in {line[:80]!r}")
    return found


def test_the_walker_finds_what_it_should() -> None:
    assert problems("组织方式,与先行省份") and problems("快照 seed 已选")
    assert problems("可信度:derived")
    assert not problems("组织方式，与先行省份（HHI）：用 SQL 查询，下载 CSV 或 XLSX")
    assert not problems("第 5 段 · 2026年11月27日 16:55 · $name · v_county_host")
    assert not problems("来源：www.js.gov.cn/art/2025/5/19/art_1.html")


@pytest.mark.parametrize("path", PATHS)
def test_every_page_reads_as_chinese(page, path: str) -> None:
    sep = "&" if "?" in path else "?"
    open_path(page, f"{path}{sep}lang=zh")
    found = problems(page.evaluate(SHOWN_JS))
    assert not found, "\n".join(sorted(set(found))[:40])
