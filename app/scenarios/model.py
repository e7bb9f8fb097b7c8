"""What a scenario is: a name, a note and ordered steps; and the app's presets.

A step moves city or county agencies from one host to another (all of them, chosen
cities, or for the unnamed county records a number of a host group), creates county
agencies where counties lack one, or changes the province-level centre's host or nature.
The presets are the app's own ideas, not the source's (the article proposes neither move):
they are built from the figures of the rows they start from (the views' metrics and host
counts), never from counts made here. Their ids ("model", "fill") stay as they were, so
widget keys and links keep working; only their names say what they do.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Annotated, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from app.core.errors import UserError
from app.core.metrics import LEVELS, LevelMetrics
from app.core.models import Host, Nature

NAME_MAX = 80
NOTE_MAX = 1000
MAX_STEPS = 50

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


def step_from_form(kind: str, values: Mapping[str, object]) -> Move | Create | Centre:
    """The step a form describes. kind: city, county (a Move), create or centre; values:
    the form's fields by name (from, to, cities, count, host, nature)."""
    v = values
    if kind in ("city", "county"):
        if v["from"] == v["to"]:
            raise ScenarioError("scenarios.error_same_host")
        where = {"cities": tuple(v["cities"])} if kind == "city" else {"count": v["count"] or None}
        return Move(level=kind, from_host=v["from"], to_host=v["to"], **where)
    if kind == "create":
        return Create(count=int(v["count"]), host=v["host"], nature=v["nature"])
    if v["host"] is None and v["nature"] is None:
        raise ScenarioError("scenarios.error_centre_empty")
    return Centre(host=v["host"], nature=v["nature"])


def steps_key(steps: tuple) -> str:
    """What a scenario's result depends on: its steps, as canonical JSON (a small cache key)."""
    return json.dumps([s.model_dump(mode="json") for s in steps], sort_keys=True)


def from_steps_key(key: str, name: str = "-") -> Scenario:
    """A scenario with the steps of a steps_key (a placeholder name unless given)."""
    return make(name, steps=tuple(json.loads(key)))


# --- the app's presets -------------------------------------------------------------


def _hosts(counts: pd.DataFrame, level: str) -> list[str]:
    """The level's hosts, most agencies first (ties by host code); a missing host left out."""
    rows = counts[(counts["level"] == level) & counts["host"].notna()]
    return rows.sort_values(["n", "host"], ascending=[False, True])["host"].tolist()


def under_centre_host(name: str, figures: list[LevelMetrics], counts: pd.DataFrame) -> Scenario:
    """Every city and county agency under the province-level agency's host (preset "model").

    The app's assumption: the source gives no such step and no figure for it (¶5 says the
    model provinces are 上下对口, a matching agency at each level, not one common host).

    figures, counts: the starting rows' v_level_metrics and host counts (app.data.metrics)."""
    line = figures[0].province_host if figures else None
    if line is None:
        raise ScenarioError("scenarios.error_no_centre")
    steps = [
        Move(level=level, from_host=Host(host), to_host=Host(line))
        for level in LEVELS
        for host in _hosts(counts, level)
        if host != line
    ]
    return make(name, steps=tuple(steps))


def fill_coverage(
    name: str, figures: list[LevelMetrics], counts: pd.DataFrame, host: Host | None = None
) -> Scenario:
    """An agency in every county (¶5: 19 lack one), hosted like most counties unless told."""
    county = figures[LEVELS.index("county")]
    if county.units_without <= 0:
        raise ScenarioError("scenarios.error_no_room")
    if host is None:
        hosts = _hosts(counts, "county")
        host = Host(hosts[0]) if hosts else Host.GOVERNMENT_GENERAL_OFFICE
    return make(name, steps=(Create(count=county.units_without, host=host),))
