"""Row models of the agencies, divisions, provinces, recommendations and codes, and the
codes they hold: the build and the roster import validate with these."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator, field_validator

from app.core.fields import (
    NameEn,
    NameZh,
    OptText,
    Row,
    Text,
    blank_to_none,
    check_adcode,
    check_source_ref,
)


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


class Division(Row):
    adcode: Text
    name_zh: Text
    name_en: Text
    level: Level
    parent_adcode: OptText = None
    kind: Text
    confidence: Confidence
    source_ref: Text

    _adcode = field_validator("adcode", "parent_adcode")(check_adcode)
    _ref = field_validator("source_ref")(check_source_ref)


class Agency(Row):
    agency_id: Text
    snapshot: Text
    level: Level
    division_adcode: OptText = None
    name_zh: NameZh
    name_en: NameEn
    nature: Annotated[Nature | None, BeforeValidator(blank_to_none)] = None
    host: Host
    rank: OptText = None
    confidence: Confidence
    excerpt: OptText = None  # verbatim words of the source; parts joined by " … "
    source_ref: Text

    _adcode = field_validator("division_adcode")(check_adcode)
    _ref = field_validator("source_ref")(check_source_ref)


class Province(Row):
    adcode: Text
    push_model: Annotated[PushModel | None, BeforeValidator(blank_to_none)] = None
    push_model_note_zh: OptText = None
    push_model_note_en: OptText = None
    three_level_structure: Annotated[bool | None, BeforeValidator(blank_to_none)] = None
    research_partners: OptText = None
    confidence: Confidence
    source_ref: Text

    _adcode = field_validator("adcode")(check_adcode)
    _ref = field_validator("source_ref")(check_source_ref)


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

    _ref = field_validator("source_ref")(check_source_ref)


class Code(Row):
    """Label of one code value (host, nature, coverage, push model) in both languages."""

    domain: Text
    code: Text
    label_zh: Text
    label_en: Text
    sort_order: int
    source_ref: Text

    _ref = field_validator("source_ref")(check_source_ref)
