"""CSV bytes -> rows: decode without guessing, then parse under the caps.

Accepted encodings: UTF-8 (with or without BOM), UTF-16 with BOM, and GBK/GB18030 as
Chinese Excel saves it. GB18030 decodes almost any bytes, so its reading is accepted only
when it reads as Chinese: text saved in a Western encoding (Latin-1, Windows-1252) turns
into rare characters outside GB2312 ("Nänjing" -> "N鋘jing") and is refused instead.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

from app.roster.caps import Grid, bounded
from app.roster.problems import ImportProblem, problem, whole_file

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
RARE_SHARE = 0.05  # of non-ASCII characters outside GB2312 that a Chinese text may have
SAMPLE_CHARS = 12  # either side of the first rare character, shown in the message


def _outside_gb2312(text: str) -> tuple[int, int]:
    """(non-ASCII characters, those of them outside GB2312), counted at codec speed."""
    ascii_n = len(text.encode("ascii", errors="ignore"))
    non_ascii = len(text) - ascii_n
    inside = (len(text.encode("gb2312", errors="ignore")) - ascii_n) // 2  # 2 bytes each
    return non_ascii, non_ascii - inside


def _first_rare(text: str) -> int:
    for i, char in enumerate(text):
        if ord(char) > 127:
            try:
                char.encode("gb2312")
            except UnicodeEncodeError:
                return i
    return 0


def _not_chinese(text: str) -> ImportProblem | None:
    """A problem when a GB18030 reading has too many characters Chinese text rarely uses."""
    non_ascii, rare = _outside_gb2312(text)
    if rare <= RARE_SHARE * non_ascii:
        return None
    at = _first_rare(text)
    line = text.count("\n", 0, at) + 1
    start = max(text.rfind("\n", 0, at) + 1, at - SAMPLE_CHARS)
    end = text.find("\n", at)
    sample = text[start : min(at + SAMPLE_CHARS, end if end != -1 else len(text))]
    return problem(line, "(file)", "encoding_not_chinese", sample=sample.strip())


def decode(data: bytes) -> str | ImportProblem:
    """The text of a CSV, or why its encoding is refused."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = "gb18030"  # a superset of GBK and GB2312
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return whole_file("encoding")
    return (_not_chinese(text) if encoding == "gb18030" else None) or text


def read_csv(data: bytes) -> Grid | ImportProblem:
    text = decode(data)
    if isinstance(text, ImportProblem):
        return text
    if _CONTROL.search(text):
        return whole_file("not_tabular", detail="CSV")
    first = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first:
        delimiter = "\t" if "\t" in first else ";" if ";" in first else ","
    try:
        return bounded(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:  # e.g. a field over the csv module's own limit (131,072)
        return whole_file("not_tabular", detail="CSV")  # csv's own text is English
