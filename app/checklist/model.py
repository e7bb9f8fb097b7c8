"""What a checklist item is and what an editor may write into it.

Statuses, the item's stored state, the edit a form submits and its validation. Bad input
raises EditError (a UserError: a catalogue key and its values); a save based on a
version someone has saved since raises StaleEdit carrying what is stored now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from app.core.errors import UserError

OWNER_MAX = 80
NOTES_MAX = 4000
WHO_MAX = 80
EDIT_FIELDS = ("status", "owner", "due", "notes")
CATEGORY_ORDER = ("recommendation", "integration", "principle")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"


STATUSES = tuple(s.value for s in Status)


def _clean(text: str) -> str:
    return _CONTROL.sub("", text).strip()


class ItemEdit(BaseModel):
    """What an editor may change on an item."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: Status = Status.NOT_STARTED
    owner: Annotated[str, StringConstraints(max_length=OWNER_MAX)] = ""
    due: date | None = None
    notes: Annotated[str, StringConstraints(max_length=NOTES_MAX)] = ""

    def stored(self) -> dict[str, str | None]:
        return {
            "status": self.status.value,
            "owner": _clean(self.owner),
            "due": self.due.isoformat() if self.due else None,
            "notes": _CONTROL.sub("", self.notes).rstrip(),
        }


class EditError(UserError):
    """Bad input: `key` is the i18n key of the message, `values` its parameters."""


@dataclass(frozen=True)
class ItemState:
    rec_id: str
    status: str
    owner: str
    due: str | None
    notes: str
    version: int
    updated_at: str | None
    updated_by: str | None

    def edit(self) -> ItemEdit:
        return ItemEdit(
            status=Status(self.status),
            owner=self.owner,
            due=date.fromisoformat(self.due) if self.due else None,
            notes=self.notes,
        )


def blank(rec_id: str) -> ItemState:
    """An item nobody has saved yet: not started, version 0."""
    return ItemState(rec_id, Status.NOT_STARTED.value, "", None, "", 0, None, None)


class StaleEdit(RuntimeError):
    """The item changed since the editor loaded it; `current` is what is stored now."""

    def __init__(self, current: ItemState) -> None:
        super().__init__(f"{current.rec_id} is at version {current.version}")
        self.current = current


def make_edit(status: str, owner: str, due: date | str | None, notes: str) -> ItemEdit:
    """Validate form values; EditError names what is wrong."""
    if len(owner or "") > OWNER_MAX:
        raise EditError("checklist.error_owner_long", n=OWNER_MAX)
    if len(notes or "") > NOTES_MAX:
        raise EditError("checklist.error_notes_long", n=NOTES_MAX)
    if status not in STATUSES:
        raise EditError("checklist.error_status")
    try:
        return ItemEdit(status=status, owner=owner or "", due=due or None, notes=notes or "")
    except ValidationError as exc:
        field = str(exc.errors()[0]["loc"][0]) if exc.errors() else "?"
        raise EditError("checklist.error_field", field=field) from exc


def editor_name(name: str | None) -> str:
    """The name an editor gives once per session; EditError when empty or too long."""
    cleaned = _clean(name or "")
    if not cleaned:
        raise EditError("checklist.error_who_missing")
    if len(cleaned) > WHO_MAX:
        raise EditError("checklist.error_who_long", n=WHO_MAX)
    return cleaned
