"""Reform scenarios: named, ordered steps applied to a copy of the agencies frame.

A step moves city or county agencies from one host to another (all of them, chosen
cities, or for the unnamed county records a number of a host group), creates county
agencies where counties lack one, or changes the province-level centre's host or nature.
`apply` never touches its input; the metrics before and after come from app.metrics, the
same functions the view v_level_metrics is checked against. Scenarios are saved in the
app's state file (app.state_db) beside the checklist.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import pandas as pd
import streamlit as st
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from app.core import metrics
from app.core.errors import UserError
from app.core.models import Host, Nature
from app.data import state_db
from app.data.exports import neutralised

NAME_MAX = 80
NOTE_MAX = 1000
MAX_STEPS = 50
NEW_PREFIX = "scenario-new-"

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX)]


class _Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Move(_Step):
    """Move agencies of one level from one host to another."""

    kind: Literal["move"] = "move"
    level: Literal["city", "county"]
    from_host: Host
    to_host: Host
    cities: tuple[str, ...] = ()  # city level: adcodes to move; empty = every city at from_host
    count: int | None = Field(default=None, ge=1, le=10_000)  # county level: None = whole group


class Create(_Step):
    """Create county agencies in counties that lack one (counties unnamed, as in the source)."""

    kind: Literal["create"] = "create"
    count: int = Field(ge=1, le=10_000)
    host: Host
    nature: Nature | None = None


class Centre(_Step):
    """Change the province-level centre's host and/or nature."""

    kind: Literal["centre"] = "centre"
    host: Host | None = None
    nature: Nature | None = None


Step = Annotated[Move | Create | Centre, Field(discriminator="kind")]


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Name
    note: Annotated[str, StringConstraints(max_length=NOTE_MAX)] = ""
    steps: tuple[Step, ...] = Field(default=(), max_length=MAX_STEPS)

    def with_steps(self, *steps: Move | Create | Centre) -> Scenario:
        return self.model_copy(update={"steps": (*self.steps, *steps)})

    def without_step(self, index: int) -> Scenario:
        return self.model_copy(
            update={"steps": tuple(s for i, s in enumerate(self.steps) if i != index)}
        )


class ScenarioError(UserError):
    """Bad scenario input: `key` is the i18n key of the message, `values` its parameters."""


@dataclass(frozen=True)
class Applied:
    agencies: pd.DataFrame  # the scenario's agencies (a new frame)
    affected: tuple[int, ...]  # agencies each step changed or created, in step order


def make(name: str, note: str = "", steps: tuple = ()) -> Scenario:
    """Build a Scenario from form input; ScenarioError names what is wrong."""
    try:
        return Scenario(name=name, note=note, steps=steps)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else "?"
        if field == "name":
            raise ScenarioError("scenarios.error_name", n=NAME_MAX) from exc
        if field == "note":
            raise ScenarioError("scenarios.error_note", n=NOTE_MAX) from exc
        raise ScenarioError("scenarios.error_steps", n=MAX_STEPS) from exc


def uncovered(agencies: pd.DataFrame, units: dict[str, int]) -> int:
    """County-level units without an agency (where new agencies may be created)."""
    return units["county"] - metrics.units_with_agency(agencies, "county")


def _steps_key(scenario: Scenario) -> str:
    """What a result depends on: the steps (a placeholder scenario may have no valid name)."""
    return json.dumps([s.model_dump(mode="json") for s in scenario.steps], sort_keys=True)


def apply(scenario: Scenario, agencies: pd.DataFrame, units: dict[str, int]) -> Applied:
    """The scenario's agencies: each step in order, on a copy (the input is never changed).

    Cached by the steps and the frame's content (the page applies the same scenario on
    every rerun); each caller gets its own copy of the result."""
    return _apply(_steps_key(scenario), agencies, units, scenario)


@st.cache_data(show_spinner=False, max_entries=64)
def _apply(
    steps_key: str, agencies: pd.DataFrame, units: dict[str, int], _scenario: Scenario
) -> Applied:
    scenario = _scenario
    frame = agencies.copy(deep=True).reset_index(drop=True)
    affected: list[int] = []
    for step in scenario.steps:
        if isinstance(step, Centre):
            mask = frame["level"] == "province"
            if step.host is not None:
                frame.loc[mask, "host"] = step.host.value
            if step.nature is not None:
                frame.loc[mask, "nature"] = step.nature.value
            affected.append(int(mask.sum()))
        elif isinstance(step, Create):
            room = uncovered(frame, units)
            if step.count > room:
                raise ScenarioError("scenarios.error_create_room", n=step.count, room=room)
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
            frame = pd.concat([frame, new.reindex(columns=frame.columns)], ignore_index=True)
            affected.append(step.count)
        else:
            mask = (frame["level"] == step.level) & (frame["host"] == step.from_host.value)
            if step.level == "city" and step.cities:
                mask &= frame["division_adcode"].isin(step.cities)
            if step.level == "county" and step.count is not None:
                chosen = frame[mask].sort_values("agency_id").index[: step.count]
                mask = frame.index.isin(chosen)
            frame.loc[mask, "host"] = step.to_host.value
            affected.append(int(mask.sum()))
    return Applied(frame, tuple(affected))


# --- presets from the source ---------------------------------------------------------


def as_model_provinces(name: str, agencies: pd.DataFrame) -> Scenario:
    """Vertically matched, as the model provinces (¶5): every level on the centre's line."""
    line = metrics.province_host(agencies)
    if line is None:
        raise ScenarioError("scenarios.error_no_centre")
    steps = [
        Move(level=level, from_host=Host(host), to_host=Host(line))
        for level in metrics.LEVELS
        for host in metrics.host_counts(agencies, level).index
        if host != line
    ]
    return make(name, steps=tuple(steps))


def fill_coverage(
    name: str, agencies: pd.DataFrame, units: dict[str, int], host: Host | None = None
) -> Scenario:
    """An agency in every county (¶5: 19 lack one), hosted like most counties unless told."""
    room = uncovered(agencies, units)
    if room <= 0:
        raise ScenarioError("scenarios.error_no_room")
    if host is None:
        counts = metrics.host_counts(agencies, "county")
        host = Host(counts.index[0]) if len(counts) else Host.GOVERNMENT_GENERAL_OFFICE
    return make(name, steps=(Create(count=room, host=host),))


# --- before and after ----------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def distribution(before: pd.DataFrame, after: pd.DataFrame, level: str) -> pd.DataFrame:
    """Agencies per host at one level, before and after, with the change."""
    b = metrics.host_counts(before, level).rename("before")
    a = metrics.host_counts(after, level).rename("after")
    out = pd.concat([b, a], axis=1).fillna(0).astype(int)
    out["change"] = out["after"] - out["before"]
    order = [h.value for h in Host if h.value in out.index]
    out = out.reindex(order + [h for h in out.index if h not in order])
    return out.rename_axis("host").reset_index()


def centre_row(agencies: pd.DataFrame) -> dict[str, str | None]:
    rows = agencies[agencies["level"] == "province"]
    if rows.empty:
        return {"host": None, "nature": None}
    r = rows.iloc[0]
    return {k: (None if pd.isna(r[k]) else str(r[k])) for k in ("host", "nature")}


def compare(
    scenarios: list[Scenario], agencies: pd.DataFrame, units: dict[str, int], baseline: str
) -> pd.DataFrame:
    """Metrics of the source (column `baseline`) and of each scenario, one row per level/metric."""
    columns: dict[str, list[metrics.LevelMetrics]] = {
        baseline: metrics.level_metrics(agencies, units)
    }
    for s in scenarios:
        columns[s.name] = metrics.level_metrics(apply(s, agencies, units).agencies, units)
    rows = []
    for i, level in enumerate(metrics.LEVELS):
        for metric in metrics.METRICS:
            row = {"level": level, "metric": metric}
            for name, ms in columns.items():
                r = getattr(ms[i], metric)
                row[name] = f"{r.decimal()} ({r})"
            rows.append(row)
    return pd.DataFrame(rows)


# --- storage (same SQLite file as the checklist) --------------------------------------


def save(scenario: Scenario, who: str | None, overwrite: bool, path: Path | None = None) -> int:
    """Store a scenario under its name; ScenarioError if the name exists and overwrite is off."""
    body = scenario.model_dump_json()
    with state_db.transaction(path) as con:
        row = con.execute("SELECT version FROM scenario WHERE name = ?", [scenario.name]).fetchone()
        if row and not overwrite:
            raise ScenarioError("scenarios.error_exists", name=scenario.name)
        version = (row["version"] + 1) if row else 1
        con.execute(
            "INSERT INTO scenario (name, body, version, saved_at, saved_by) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET body = excluded.body, version = excluded.version,"
            " saved_at = excluded.saved_at, saved_by = excluded.saved_by",
            [scenario.name, body, version, state_db.now(), who],
        )
    return version


def saved(path: Path | None = None) -> pd.DataFrame:
    """Saved scenarios: name, version, saved_at, saved_by, steps (newest first)."""
    with state_db.reading(path) as con:
        rows = con.execute(
            "SELECT name, version, saved_at, saved_by, body FROM scenario ORDER BY saved_at DESC,"
            " name"
        ).fetchall()
    out = [
        {**{k: r[k] for k in ("name", "version", "saved_at", "saved_by")}, "steps": _steps(r)}
        for r in rows
    ]
    return pd.DataFrame(out, columns=["name", "version", "saved_at", "saved_by", "steps"])


def _steps(row) -> int:
    try:
        return len(json.loads(row["body"]).get("steps", []))
    except (ValueError, AttributeError):
        return 0


def load(name: str, path: Path | None = None) -> Scenario:
    with state_db.reading(path) as con:
        row = con.execute("SELECT body FROM scenario WHERE name = ?", [name]).fetchone()
    if row is None:
        raise ScenarioError("scenarios.error_not_found", name=name)
    try:
        return Scenario.model_validate_json(row["body"])
    except ValidationError as exc:
        raise ScenarioError("scenarios.error_corrupt", name=name) from exc


def delete(name: str, path: Path | None = None) -> bool:
    with state_db.transaction(path) as con:
        return con.execute("DELETE FROM scenario WHERE name = ?", [name]).rowcount > 0


# --- export ----------------------------------------------------------------------------


def steps_frame(scenario: Scenario) -> pd.DataFrame:
    rows = []
    for i, s in enumerate(scenario.steps, start=1):
        d = s.model_dump(mode="json")
        if "cities" in d:
            d["cities"] = ";".join(d["cities"])
        rows.append({"step": i, **d})
    cols = ["step", "kind", "level", "from_host", "to_host", "cities", "count", "host", "nature"]
    return pd.DataFrame(rows).reindex(columns=cols)


def report(
    scenario: Scenario, agencies: pd.DataFrame, units: dict[str, int]
) -> dict[str, pd.DataFrame]:
    """The tables an export carries: steps, metrics before/after, distributions, agencies after.

    Cached by the scenario and the frame's content (the page offers the export on every
    rerun)."""
    return _report(scenario.model_dump_json(), agencies, units, scenario)


@st.cache_data(show_spinner=False, max_entries=32)
def _report(
    scenario_key: str, agencies: pd.DataFrame, units: dict[str, int], _scenario: Scenario
) -> dict[str, pd.DataFrame]:
    scenario = _scenario
    applied = apply(scenario, agencies, units)
    before = metrics.level_metrics(agencies, units)
    after = metrics.level_metrics(applied.agencies, units)
    steps = steps_frame(scenario)
    steps["affected"] = list(applied.affected)
    dist = pd.concat(
        [distribution(agencies, applied.agencies, lv).assign(level=lv) for lv in metrics.LEVELS],
        ignore_index=True,
    )[["level", "host", "before", "after", "change"]]
    cols = ["agency_id", "level", "division_adcode", "name_zh", "name_en", "nature", "host"]
    return {
        "scenario": pd.DataFrame([{"name": scenario.name, "note": scenario.note}]),
        "steps": steps,
        "metrics": metrics.comparison(before, after),
        "distribution": dist,
        "agencies_after": applied.agencies.reindex(columns=cols),
    }


@st.cache_data(show_spinner=False, max_entries=32)
def to_xlsx(tables: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per table; text that would run as a formula is neutralised (cached by the
    tables' content: the page makes the workbook on every rerun)."""
    buf = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buf, engine="xlsxwriter", engine_kwargs={"options": options}) as xl:
        for sheet, frame in tables.items():
            neutralised(frame).to_excel(xl, sheet_name=sheet[:31], index=False)
    return buf.getvalue()


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
