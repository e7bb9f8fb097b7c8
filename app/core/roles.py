"""Who may do what: three roles, the actions each allows, and the team's role map.

Viewers (anyone, no sign-in) read. Editors keep the checklist, save scenarios and import
rosters as drafts. Admins also publish, withdraw and delete snapshots. Who is an editor
or admin is written in a TOML file (roles.example.toml shows its shape): by the signed-in
e-mail, or by a group named in a claim of the sign-in token.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from app.core.errors import UserError


class Role(IntEnum):
    VIEWER = 0
    EDITOR = 1
    ADMIN = 2


# each write the app offers, and the least role that may do it
NEEDS = {
    "checklist": Role.EDITOR,
    "scenario": Role.EDITOR,
    "import": Role.EDITOR,
    "publish": Role.ADMIN,
    "withdraw": Role.ADMIN,
    "delete": Role.ADMIN,
}


class Refused(UserError):
    """A write asked by someone whose role does not allow it (nothing was written)."""


@dataclass(frozen=True)
class Actor:
    """Whoever asks for a write. identity is what the audit records ("oidc:<e-mail>",
    "local:<user>", "cli:<user>"); name is only how they are shown."""

    identity: str
    name: str
    role: Role

    def can(self, action: str) -> bool:
        return self.role >= NEEDS[action]

    def require(self, action: str) -> None:
        """Refuse (raise Refused) unless this actor may do the action."""
        if not self.can(action):
            raise Refused(f"auth.refused_{action}")


VIEWER = Actor("anonymous", "", Role.VIEWER)


@dataclass(frozen=True)
class RoleMap:
    """The team's roles: by e-mail, by group, and the role of anyone else signed in."""

    emails: Mapping[str, Role]
    groups: Mapping[str, Role]
    signed_in: Role = Role.VIEWER
    groups_claim: str = "groups"

    def role(self, email: str | None, groups: Iterable[str] = ()) -> Role:
        found = [self.signed_in]
        if email:
            found.append(self.emails.get(email.strip().lower(), Role.VIEWER))
        found += [self.groups.get(g, Role.VIEWER) for g in groups]
        return max(found)


NO_ROLES = RoleMap({}, {})


def _role(value: object, where: str) -> Role:
    try:
        return Role[str(value).upper()]
    except KeyError:
        raise UserError("auth.bad_role", value=str(value), where=where) from None


def parse_roles(data: Mapping[str, object]) -> RoleMap:
    """A RoleMap from the file's parsed TOML; UserError naming the first bad entry."""
    emails = data.get("emails", {})
    groups = data.get("groups", {})
    if not isinstance(emails, Mapping) or not isinstance(groups, Mapping):
        raise UserError("auth.bad_roles_file")
    return RoleMap(
        {str(e).strip().lower(): _role(r, str(e)) for e, r in emails.items()},
        {str(g): _role(r, str(g)) for g, r in groups.items()},
        _role(data.get("signed_in", "viewer"), "signed_in"),
        str(data.get("groups_claim", "groups")),
    )


def read_roles(path: Path) -> RoleMap:
    """The role map in path; no file: nobody signed in has more than the viewer's role."""
    if not path.is_file():
        return NO_ROLES
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError("auth.bad_roles_file") from exc
    return parse_roles(data)
