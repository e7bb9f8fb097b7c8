"""Saved scenarios, by name, in the app's state store (app.data.state_db) beside the checklist.

A row holds the scenario as JSON (Scenario.model_dump_json), a version counted up on
each overwrite, when and by whom it was saved.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from pydantic import ValidationError

from app.data import state_db
from app.scenarios.model import Scenario, ScenarioError


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
