"""Write data/sources/sources.csv: one row per paragraph of the source article.

The excerpt is line N of the article, verbatim (traditional characters); excerpt_zh_hans is
its simplified form by the app's one converter (app.core.chinese.simplified). Deterministic
and re-runnable:

    .venv/bin/python tools/make_sources.py [path/to/article.txt]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.chinese import simplified  # noqa: E402
from app.core.provenance import Source  # noqa: E402

ARTICLE = Path("/work/shared/source/article.txt")
OUT = ROOT / "data" / "sources" / "sources.csv"
PARAGRAPHS = 10
# The file does not give the article's title, journal or year: cite only what it gives,
# and describe the article rather than make up a title for it.
CITATION = "付勍、卢冬冬的文章(原题未载),关于江苏数字政府建设差距的分析,第{n}段"
CITATION_EN = (
    "Article by Fu Qing and Lu Dongdong (original title not given), an analysis of the gap"
    " in Jiangsu's digital-government build-out, paragraph {n}"
)


def build_rows(article: Path) -> list[dict[str, str | int]]:
    lines = article.read_text(encoding="utf-8").splitlines()
    if len(lines) != PARAGRAPHS:
        raise SystemExit(f"{article}: expected {PARAGRAPHS} lines, found {len(lines)}")
    rows: list[dict[str, str | int]] = []
    for n, line in enumerate(lines, start=1):
        excerpt = line.rstrip("\r\n")
        row = {
            "source_ref": f"article#p{n}",
            "citation": CITATION.format(n=n),
            "citation_en": CITATION_EN.format(n=n),
            "paragraph": n,
            "excerpt": excerpt,
            "excerpt_zh_hans": simplified(excerpt),
        }
        Source.model_validate(row)
        rows.append(row)
    return rows


def main() -> None:
    article = Path(sys.argv[1]) if len(sys.argv) > 1 else ARTICLE
    rows = build_rows(article)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(Source.model_fields), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
