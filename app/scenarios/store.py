"""Saved scenarios, by name, in the app's state store (app.data.store) beside the checklist.

A row holds the scenario as JSON (Scenario.model_dump_json), a version counted up on
each overwrite, when and by whom it was saved (the signed-in name, else the name typed at
this computer, else nothing: an identity such as local:<user> is no name for readers).
Saving and deleting are refused unless the actor may keep scenarios.
"""

from __future__ import annotations

import json

import pandas as pd
from pydantic import ValidationError

from app.core.roles import Actor
from app.data.store import Store, now, open_store
from app.scenarios.model import Scenario, ScenarioError


def save(
    scenario: Scenario,
    actor: Actor,
    overwrite: bool,
    store: Store | None = None,
    label: str = "",
) -> int:
    """Store a scenario under its name; ScenarioError if the name exists and overwrite is off."""
    actor.require("scenario")
    body = scenario.model_dump_json()
    with (store or open_store()).transaction() as con:
        row = con.execute("SELECT version FROM scenario WHERE name = ?", [scenario.name]).fetchone()
        if row and not overwrite:
            raise ScenarioError("scenarios.error_exists", name=scenario.name)
        version = (row["version"] + 1) if row else 1
        con.execute(
            "INSERT INTO scenario (name, body, version, saved_at, saved_by) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET body = excluded.body, version = excluded.version,"
            " saved_at = excluded.saved_at, saved_by = excluded.saved_by",
            [scenario.name, body, version, now(), actor.name or label.strip() or None],
        )
    return version


def saved(store: Store | None = None) -> pd.DataFrame:
    """Saved scenarios: name, version, saved_at, saved_by, steps (newest first)."""
    with (store or open_store()).reading() as con:
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


def load(name: str, store: Store | None = None) -> Scenario:
    with (store or open_store()).reading() as con:
        row = con.execute("SELECT body FROM scenario WHERE name = ?", [name]).fetchone()
    if row is None:
        raise ScenarioError("scenarios.error_not_found", name=name)
    try:
        return Scenario.model_validate_json(row["body"])
    except ValidationError as exc:
        raise ScenarioError("scenarios.error_corrupt", name=name) from exc


def delete(name: str, actor: Actor, store: Store | None = None) -> bool:
    actor.require("scenario")
    with (store or open_store()).transaction() as con:
        return con.execute("DELETE FROM scenario WHERE name = ?", [name]).rowcount > 0
