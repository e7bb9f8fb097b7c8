"""Apply a scenario's steps, in order, to a copy of the agencies (pure pandas).

The engine only changes rows; every figure of the result (coverage, concentration,
alignment, host counts) comes from the views run over them (app.data.metrics). The one
number it needs, how many counties have no agency, it is given from those figures and
keeps up to date itself: only a Create step changes it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from app.core.codes import province_agency
from app.scenarios.model import Centre, Create, Move, Scenario, ScenarioError

NEW_PREFIX = "scenario-new-"


@dataclass(frozen=True)
class Applied:
    agencies: pd.DataFrame  # the scenario's agencies (a new frame)
    affected: tuple[int, ...]  # agencies each step changed or created, in step order
    room: int  # counties still without an agency after the steps


def apply(scenario: Scenario, agencies: pd.DataFrame, room: int) -> Applied:
    """The scenario's agencies: each step in order, on a copy (the input is never changed).

    room: counties without an agency in `agencies` (v_level_metrics: units - with_agency)."""
    frame = agencies.copy(deep=True).reset_index(drop=True)
    affected: list[int] = []
    for step in scenario.steps:
        if isinstance(step, Centre):
            n = _centre(frame, step)
        elif isinstance(step, Create):
            if step.count > room:
                raise ScenarioError("scenarios.error_create_room", n=step.count, room=room)
            frame = _create(frame, step)
            room -= step.count
            n = step.count
        else:
            n = _move(frame, step)
        affected.append(n)
    return Applied(frame, tuple(affected), room)


def _centre(frame: pd.DataFrame, step: Centre) -> int:
    mask = frame["level"] == "province"
    if step.host is not None:
        frame.loc[mask, "host"] = step.host.value
    if step.nature is not None:
        frame.loc[mask, "nature"] = step.nature.value
    return int(mask.sum())


def _create(frame: pd.DataFrame, step: Create) -> pd.DataFrame:
    start = int(frame["agency_id"].str.startswith(NEW_PREFIX).sum())
    new = pd.DataFrame(
        {
            "agency_id": [f"{NEW_PREFIX}{start + k + 1:03d}" for k in range(step.count)],
            "level": "county",
            "division_adcode": None,
            "name_zh": "新设县级大数据管理机构(情景)",
            "name_en": "New county big-data agency (scenario)",
            "nature": step.nature.value if step.nature else None,
            "host": step.host.value,
            "confidence": "scenario",
        }
    )
    return pd.concat([frame, new.reindex(columns=frame.columns)], ignore_index=True)


def _move(frame: pd.DataFrame, step: Move) -> int:
    mask = (frame["level"] == step.level) & (frame["host"] == step.from_host.value)
    if step.level == "city" and step.cities:
        mask &= frame["division_adcode"].isin(step.cities)
    if step.level == "county" and step.count is not None:
        chosen = frame[mask].sort_values("agency_id").index[: step.count]
        mask = frame.index.isin(chosen)
    frame.loc[mask, "host"] = step.to_host.value
    return int(mask.sum())


def centre_row(agencies: pd.DataFrame) -> dict[str, str | None]:
    """The province-level centre's host and nature (None where unknown)."""
    r = province_agency(agencies)
    if r is None:
        return {"host": None, "nature": None}
    return {k: (None if pd.isna(r[k]) else str(r[k])) for k in ("host", "nature")}
