"""The actors tests write as: the local machine's admin (what `make run` gives whoever sits
at the computer), a signed-in editor, and an anonymous viewer (whose writes are refused)."""

from __future__ import annotations

from app.core.roles import VIEWER, Actor, Role

LOCAL = Actor("local:test", "", Role.ADMIN)
EDITOR = Actor("oidc:ed@example.org", "Ed", Role.EDITOR)

__all__ = ["EDITOR", "LOCAL", "VIEWER"]
