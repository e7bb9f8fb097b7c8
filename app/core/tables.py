"""The source tables: one per file, data/sources/<name>.csv -> data/parquet/<name>.parquet."""

from __future__ import annotations

from app.core.fields import Row
from app.core.models import Agency, Code, Division, Province, Recommendation
from app.core.provenance import (
    Claim,
    MetricStatement,
    NamedList,
    ReportedFigure,
    SinceSource,
    Source,
    Statement,
)

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
    "metric_statements": MetricStatement,
    "codes": Code,
    "since_source": SinceSource,
}
