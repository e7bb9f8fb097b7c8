"""app.md.escape: user text inside Markdown shows as typed, never as markup.

There is no Markdown renderer among the dependencies, so the checks are structural and
follow what Streamlit's renderer (remark: CommonMark + GFM, math, directives, then its
plugins over the decoded text) needs to start a construct:

- syntax needs an unescaped ASCII punctuation character: every one in the output must be
  backslash-escaped or part of one of the entities escape() writes;
- the plugins that run after decoding (GFM's second autolink pass, emoji and icon short
  codes, typographic arrows) must find nothing in the decoded text;
- decoding gives back the text (whitespace at line ends aside): nothing is lost.
"""

from __future__ import annotations

import html
import re
import string

from hypothesis import given
from hypothesis import strategies as st

from app.core import md
from tests.conftest import plain

HOSTILE = [
    "![x](http://evil.example/p.png)",
    "![x][r]\n\n[r]: http://evil.example/r.png",
    "[l](http://evil.example/l) and [l][r]",
    "https://evil.example/a.png",
    "HTTP://EVIL.EXAMPLE/UPPER",
    "see www.evil.example or WWW.EVIL.EXAMPLE",
    "write to a@evil.example or mailto:a.b+c@evil.example",
    "<https://evil.example/auto> <a@evil.example>",
    '<img src="http://evil.example/i.png"> <a href="http://evil.example">x</a>',
    "<script>alert(1)</script> <!-- c -->",
    "**bold** __bold__ *em* _em_ ~~struck~~ ~sub~",
    "`code` ``co`de`` ```fence```",
    "```\nfenced\n```",
    "    indented code",
    "$x^2$ and $$\\int y$$ and \\(z\\)",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "# heading\n## h2\nsetext\n===\nh\n---",
    "- item\n* item\n+ item\n1. item\n2) item\n- [ ] task",
    "> quote\n>> nested",
    "&amp; &#x41; &#65; &nbsp; &copy",
    ":smile: :+1: :material/home: :streamlit: :red[colour] :red-badge[x] :small[s]",
    "a -> b <- c <-> d -- e >= f <= g ~= h",
    "line with two spaces  \nhard break\\\nbackslash break",
    "[^1] footnote\n\n[^1]: http://evil.example/f",
    "\\*already escaped\\* \\\\ back\\slash",
    "江苏省大数据管理中心 https://evil.example/x 中文 www.evil.example",
    "a\r\nb\rc",
]

ENTITY = re.compile(r"&(?:amp|lt|gt);")
ESCAPED = re.compile(r"\\[" + re.escape(string.punctuation) + "]")
# What Streamlit's plugins match in decoded text (mdast-util-gfm-autolink-literal,
# remark-emoji and Streamlit's own icon, logo and arrow plugins), with ASCII \w as in JS.
AFTER_DECODING = [
    re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.IGNORECASE | re.ASCII),
    re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.ASCII),
    re.compile(r":[\w+-][\w+-]*:", re.ASCII),
    re.compile(r":material/"),
    re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)"),
]


def bare_punctuation(escaped: str) -> str:
    """The ASCII punctuation left unescaped (should be none)."""
    rest = ESCAPED.sub("", ENTITY.sub("", escaped))
    return "".join(ch for ch in rest if ch in string.punctuation)


def normalised(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.strip(" \t") for line in lines)


def assert_inert(text: str) -> None:
    out = md.escape(text)
    assert bare_punctuation(out) == "", out
    for pattern in AFTER_DECODING:
        assert not pattern.search(decoded(out)), (pattern.pattern, out)
    for line in out.split("\n"):
        assert not line.startswith((" ", "\t")) and not line.endswith(" ")
    assert plain(out) == normalised(text)  # shown as typed


def decoded(escaped: str) -> str:
    """What the plugins see: escapes and entities resolved, word joiners kept."""
    return html.unescape(re.sub(r"\\([" + re.escape(string.punctuation) + "])", r"\1", escaped))


def test_hostile_text_is_inert() -> None:
    for text in HOSTILE:
        assert_inert(text)


def test_no_link_image_or_emphasis_can_open() -> None:
    for text in HOSTILE:
        out = md.escape(text)
        for opener in ("](", "![", "**", "__", "<img", "<a ", "<http", "$$", "``", "~~"):
            assert opener not in out, (text, out)
        assert "://" not in decoded(out), (text, out)
        assert not re.search(r"www\.|@[a-z]", decoded(out), re.IGNORECASE), (text, out)


def test_the_plugins_see_a_word_joiner_where_they_would_match() -> None:
    seen = decoded(md.escape("https://x.example www.x.example a@x.example :smile: ->"))
    joiner = md.WORD_JOINER
    assert f"https:{joiner}//" in seen and f"www{joiner}." in seen
    assert f"a@{joiner}x" in seen and f":{joiner}smile:" in seen and f"-{joiner}>" in seen


def test_ordinary_text_keeps_its_characters() -> None:
    assert md.escape("江苏省大数据管理中心") == "江苏省大数据管理中心"
    assert md.escape("  name  \n  note ") == "name\nnote"  # no code block, no hard break
    assert md.escape("Nanjing big-data agency (2024)") == "Nanjing big\\-data agency \\(2024\\)"
    assert md.escape("a < b & c") == "a &lt; b &amp; c"
    assert md.escape(None) == "" and md.escape(float("nan")) == ""
    assert md.escape(12) == "12"


def test_escape_values_leaves_numbers() -> None:
    values = md.escape_values({"n": 3, "name": "*x* www.x"})
    assert values == {"n": 3, "name": f"\\*x\\* www{md.WORD_JOINER}\\.x"}


TEXT = st.text(
    alphabet=st.sampled_from(
        list(string.punctuation) + list("wWhHtTpPsS:/.@ \n\t\raz09") + ["江", "名"]
    ),
    max_size=60,
)


@given(TEXT)
def test_any_text_is_inert(text: str) -> None:
    assert_inert(text)
