"""Who is asking: the signed-in user (Streamlit's st.login, OpenID Connect) with the role
the team's role file gives them, or, when no sign-in is configured, whoever sits at this
computer (a loopback connection) as its one admin. Anyone else only reads.

Every write goes through the store with the Actor returned here, and the store refuses
what the actor's role does not allow: hiding a button is not the guard.
"""

from __future__ import annotations

import getpass
import os
from ipaddress import ip_address
from pathlib import Path

import streamlit as st

from app.core.config import ROOT
from app.core.roles import VIEWER, Actor, Role, RoleMap, read_roles
from app.ui import internals

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
    """A peer on this machine. uvicorn on a dual-stack socket reports an IPv4 client as
    ::ffff:127.0.0.1, which Python before 3.13 does not call loopback: unwrap it."""
    if not address:
        return False
    try:
        ip = ip_address(address)
    except ValueError:
        return False
    return (getattr(ip, "ipv4_mapped", None) or ip).is_loopback


def local_actor() -> Actor:
    """Whoever uses the app on the computer that runs it, when no sign-in is configured."""
    return Actor(f"local:{getpass.getuser()}", "", Role.ADMIN)


def current_actor() -> Actor:
    """The actor of this run's request: signed-in user, local user, or a viewer."""
    if sign_in_configured():
        user = st.user
        if not user.is_logged_in:
            return VIEWER
        roles = role_map()
        email = str(user.get("email") or "")
        groups = user.get(roles.groups_claim) or []
        if isinstance(groups, str):
            groups = [groups]
        name = str(user.get("name") or email or user.get("sub") or "")
        identity = f"oidc:{email or user.get('sub')}"
        return Actor(identity, name, roles.role(email, [str(g) for g in groups]))
    if is_loopback(internals.peer_address()):
        return local_actor()
    return VIEWER
