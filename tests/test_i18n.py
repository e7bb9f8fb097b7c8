"""Both catalogues complete, and every key the code asks for exists."""

from __future__ import annotations

import re

from app.core.config import ROOT
from app.core.i18n import LANGUAGES, catalogue

KEY_USE = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-zA-Z0-9_.]+)["']""")


def test_languages_define_the_same_keys() -> None:
    zh, en = (set(catalogue(lang)) for lang in LANGUAGES)
    assert zh - en == set(), "keys only in zh"
    assert en - zh == set(), "keys only in en"


def test_no_empty_strings() -> None:
    for lang in LANGUAGES:
        empty = [k for k, v in catalogue(lang).items() if not v.strip()]
        assert empty == [], lang


def test_every_literal_key_in_the_code_exists() -> None:
    used: set[str] = set()
    for path in [ROOT / "streamlit_app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("app/**/*.py")]:
        used |= set(KEY_USE.findall(path.read_text(encoding="utf-8")))
    keys = set(catalogue("zh"))
    # t("checklist.cat_" + code): a prefix must begin at least one key
    missing = sorted(
        k
        for k in used
        if k not in keys and not (k[-1] in "._" and any(x.startswith(k) for x in keys))
    )
    assert missing == []
