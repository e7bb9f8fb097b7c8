"""A scenario as files: its tables (steps, metrics before and after, host distributions,
the agencies after) as one XLSX workbook (app.data.exports, the app's one XLSX writer)
and as JSON holding the reloadable definition and its results.
"""

from __future__ import annotations

import json

import pandas as pd

from app.core import metrics
from app.core.metrics import LEVELS
from app.data import exports
from app.scenarios.model import Scenario
from app.scenarios.results import Outcome

STEP_COLUMNS = [
    "step",
    "kind",
    "level",
    "from_host",
    "to_host",
    "cities",
    "count",
    "host",
    "nature",
]
AGENCY_COLUMNS = ["agency_id", "level", "division_adcode", "name_zh", "name_en", "nature", "host"]


def steps_frame(scenario: Scenario) -> pd.DataFrame:
    rows = []
    for i, s in enumerate(scenario.steps, start=1):
        d = s.model_dump(mode="json")
        if "cities" in d:
            d["cities"] = ";".join(d["cities"])
        rows.append({"step": i, **d})
    return pd.DataFrame(rows).reindex(columns=STEP_COLUMNS)


def report(scenario: Scenario, outcome: Outcome) -> dict[str, pd.DataFrame]:
    """The tables an export carries, one per sheet: scenario, steps, metrics, distribution,
    agencies_after."""
    steps = steps_frame(scenario)
    steps["affected"] = list(outcome.applied.affected)
    dist = pd.concat(
        [outcome.distribution(level).assign(level=level) for level in LEVELS], ignore_index=True
    )[["level", "host", "before", "after", "change"]]
    return {
        "scenario": pd.DataFrame([{"name": scenario.name, "note": scenario.note}]),
        "steps": steps,
        "metrics": metrics.comparison(outcome.before.metrics, outcome.after.metrics),
        "distribution": dist,
        "agencies_after": outcome.applied.agencies.reindex(columns=AGENCY_COLUMNS),
    }


def to_xlsx(tables: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per table; text that would run as a formula is neutralised."""
    return exports.sheets_to_xlsx(tables)


def to_json(scenario: Scenario, tables: dict[str, pd.DataFrame]) -> bytes:
    """The scenario definition (reloadable with Scenario.model_validate) and its results."""
    doc = {
        "scenario": scenario.model_dump(mode="json"),
        "metrics": json.loads(tables["metrics"].to_json(orient="records", force_ascii=False)),
        "distribution": json.loads(
            tables["distribution"].to_json(orient="records", force_ascii=False)
        ),
    }
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
