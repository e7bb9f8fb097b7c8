"""Who is asking: the signed-in user (Streamlit's st.login, OpenID Connect) with the role
the team's role file gives them, or, when no sign-in is configured, whoever sits at this
computer (a loopback connection) as its one admin. Anyone else only reads.

Every write goes through the store with the Actor returned here, and the store refuses
what the actor's role does not allow: hiding a button is not the guard.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from ipaddress import ip_address
from pathlib import Path
from typing import Any

import streamlit as st

from app.core import md
from app.core.config import ROOT
from app.core.errors import UserError
from app.core.roles import NEEDS, VIEWER, Actor, Role, RoleMap, read_roles
from app.ui import editor, internals

Translator = Callable[..., str]

ROLES_ENV = "ATLAS_ROLES_FILE"
ROLES_FILE = ROOT / ".streamlit" / "roles.toml"


def sign_in_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section (st.login can run)."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, OSError):
        return False


@st.cache_resource(show_spinner=False, ttl=60)
def role_map() -> RoleMap:
    """The team's role file (ATLAS_ROLES_FILE, default .streamlit/roles.toml), re-read
    each minute so a changed file needs no restart."""
    return read_roles(Path(os.environ.get(ROLES_ENV, ROLES_FILE)))


def is_loopback(address: str | None) -> bool:
    """127.0.0.0/8 or ::1, also written as IPv6 (::ffff:127.0.0.1): the server's default
    dual-stack socket reports an IPv4 peer that way, and Python 3.11 calls it not loopback."""
    if not address:
        return False
    try:
        ip = ip_address(address)
    except ValueError:
        return False
    return (getattr(ip, "ipv4_mapped", None) or ip).is_loopback


# A proxy names the visitor in one of these. uvicorn applies X-Forwarded-For only from
# 127.0.0.1 or ::1 literally, not from ::ffff:127.0.0.1 (the default dual-stack socket), and
# keeps the header: a request that still carries one came through a proxy, not from here.
PROXY_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-Ip")


def proxied() -> bool:
    """True when this session's connection came through a proxy (see PROXY_HEADERS)."""
    try:
        headers = st.context.headers
    except (AttributeError, RuntimeError):
        return False
    return any(headers.get(name) for name in PROXY_HEADERS)


def local_actor() -> Actor:
    """Whoever uses the app on the computer that runs it, when no sign-in is configured."""
    return Actor(f"local:{getpass.getuser()}", "", Role.ADMIN)


def current_actor() -> Actor:
    """The actor of this run's request: signed-in user, local user, or a viewer."""
    if sign_in_configured():
        user = st.user
        if not user.is_logged_in:
            return VIEWER
        email = str(user.get("email") or "").strip().lower()  # one identity however typed
        name = editor.signed_in_name(user) or ""
        identity = f"oidc:{email or user.get('sub')}"
        try:
            roles = role_map()
        except UserError:  # a broken role file gives nobody a role (the sidebar says why)
            return Actor(identity, name, Role.VIEWER)
        groups = user.get(roles.groups_claim) or []
        if isinstance(groups, str):
            groups = [groups]
        return Actor(identity, name, roles.role(email, [str(g) for g in groups]))
    if is_loopback(internals.peer_address()) and not proxied():
        return local_actor()
    return VIEWER


# --- what the reader sees: who they are, and why a write is not offered --------------------


def role_word(t: Translator, role: Role) -> str:
    return t(f"auth.role_{role.name.lower()}")


def require(action: str) -> Actor:
    """The current actor, when it may do the action; Refused otherwise. Each write callback
    asks this before calling the store (the store asks again)."""
    actor = current_actor()
    actor.require(action)
    return actor


def why_not(t: Translator, action: str, actor: Actor) -> str:
    """One line saying why this actor is not offered the action, and what would allow it."""
    doing, needed = t(f"auth.doing_{action}"), role_word(t, NEEDS[action])
    if not sign_in_configured():
        return t("auth.why_remote", doing=doing)
    if not st.user.is_logged_in:
        return t("auth.why_sign_in", doing=doing, role=needed)
    return t("auth.why_role", doing=doing, role=needed, mine=role_word(t, actor.role))


def offer(t: Translator, action: str, where: Any = st) -> Actor | None:
    """The actor when it may do the action (draw the write controls); otherwise a one-line
    note in `where` saying why, and None (draw none)."""
    actor = current_actor()
    if actor.can(action):
        return actor
    where.caption(why_not(t, action, actor))
    return None


def sign_in_block(t: Translator) -> None:
    """The sidebar's sign-in: a Sign in button, or who is signed in with their role and Sign
    out; with no sign-in configured, whether this computer may edit (loopback) or only read."""
    box = st.sidebar.container(key="auth_block")
    if not sign_in_configured():
        if current_actor().role >= Role.EDITOR:
            box.caption(t("auth.local_only"), help=t("auth.local_help"))
        else:
            box.caption(t("auth.read_only"), help=t("auth.read_help"))
        return
    if not st.user.is_logged_in:
        if box.button(t("auth.sign_in"), key="auth_sign_in", icon=":material/login:"):
            st.login()
        box.caption(t("auth.sign_in_help"))
        return
    actor = current_actor()
    try:
        role_map()
    except UserError as exc:
        box.error(exc.message(t))
    box.caption(
        t("auth.signed_in", name=md.escape(actor.name), role=role_word(t, actor.role)),
        help=t(f"auth.role_help_{actor.role.name.lower()}"),
    )
    if box.button(t("auth.sign_out"), key="auth_sign_out", icon=":material/logout:"):
        st.logout()
