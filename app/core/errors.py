"""The one shape of a refusal a user reads: a catalogue key and the values it names.

Every layer raises a subclass (a refused query, a bad checklist edit, a bad scenario
step...); the UI shows `message(t)` in the reader's language with the values escaped,
and str() is the English text for the command line and logs.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.i18n import translator


class UserError(Exception):
    """`key` is a full catalogue key ("checklist.error_owner_long"); `values` fill it."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(self.message(translator("en")))

    def message(self, t: Callable[..., str]) -> str:
        return t(self.key, **self.values)
