"""Row models of what the source says and how it is known: claims, the lists it names,
the figures it reports, its paragraphs and statements; and the changes public reports
describe after it (kept apart from the article's figures)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from app.core.chinese import simplified
from app.core.fields import (
    OptText,
    Row,
    Text,
    check_adcode,
    check_optional_source_ref,
    check_source_ref,
)
from app.core.models import Confidence, GapDimension, Level
from app.core.since import check_addresses, check_happened


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

    _ref = field_validator("source_ref")(check_optional_source_ref)


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

    _subject = field_validator("subject")(check_adcode)
    _ref = field_validator("source_ref")(check_source_ref)


class ReportedFigure(Row):
    figure_id: Text
    value: int
    scope: Text
    source_ref: Text
    excerpt: Text

    _ref = field_validator("source_ref")(check_source_ref)


class Source(Row):
    source_ref: Text
    citation: Text  # in Chinese: who wrote it and what it is about (the title is not given)
    citation_en: Text
    paragraph: int = Field(ge=1, le=10)
    excerpt: Text
    excerpt_zh_hans: Text  # stored for readers of the CSV; must be simplified(excerpt)

    _ref = field_validator("source_ref")(check_source_ref)

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

    _adcode = field_validator("adcode")(check_adcode)
    _ref = field_validator("source_ref")(check_source_ref)


class MetricDimension(StrEnum):
    """What the /gap metrics measure: coverage, how scattered the hosts are (HHI and the
    effective number of hosts), and the share under the province-level agency's host."""

    COVERAGE = "coverage"
    HOST_DIVERSITY = "host_diversity"
    ALIGNMENT = "alignment"


class MetricStatement(Row):
    """What the source says, in its own words, about one thing the /gap metrics measure at
    one level (¶5), with an English rendering; unknown (no words, no paragraph) when the
    source says nothing about it. The app's figures are never taken from these words."""

    level: Level
    metric: MetricDimension
    statement_en: OptText = None
    excerpt: OptText = None  # verbatim, traditional characters; parts joined by " … "
    confidence: ClaimConfidence
    source_ref: OptText = None

    _ref = field_validator("source_ref")(check_optional_source_ref)


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
