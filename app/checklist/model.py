"""What a checklist item is and what an editor may write into it.

Statuses, the item's stored state, the edit a form submits and its validation. Progress
is what someone recorded in this app, never a default: an item nobody has given a status
reads "not recorded", and "not started" is only ever a status someone chose. Bad input
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
    NOT_RECORDED = "not_recorded"  # nobody has recorded a status (an untouched item)
    NOT_STARTED = "not_started"  # someone recorded that it has not started
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"


STATUSES = tuple(s.value for s in Status)


def _clean(text: str) -> str:
    return _CONTROL.sub("", text).strip()


class ItemEdit(BaseModel):
    """What an editor may change on an item."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: Status = Status.NOT_RECORDED
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
    """An item nobody has saved yet: no status recorded, version 0."""
    return ItemState(rec_id, Status.NOT_RECORDED.value, "", None, "", 0, None, None)


def recorded_status(stored: str, status_ever_saved: bool) -> str:
    """The status a stored row means. Before "not recorded" existed, the form offered "not
    started" as the default, so a row saved for its owner or notes holds "not_started"
    that nobody chose: with no audit entry for the status field, it reads not recorded."""
    if stored == Status.NOT_STARTED.value and not status_ever_saved:
        return Status.NOT_RECORDED.value
    return stored


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
