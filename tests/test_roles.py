"""app.core.roles: who gets which role from the role file, and what each role may do."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.errors import UserError
from app.core.i18n import translator
from app.core.roles import (
    NEEDS,
    NO_ROLES,
    VIEWER,
    Actor,
    Refused,
    Role,
    parse_roles,
    read_roles,
)

ROLES = parse_roles(
    {
        "emails": {"Ed@Example.org": "editor", "boss@example.org": "ADMIN"},
        "groups": {"atlas-editors": "editor", "atlas-admins": "admin"},
    }
)


def test_role_from_the_e_mail_ignores_case_and_spaces() -> None:
    assert ROLES.role("ed@example.org") is Role.EDITOR
    assert ROLES.role("  ED@EXAMPLE.ORG ") is Role.EDITOR
    assert ROLES.role("boss@example.org") is Role.ADMIN
    assert ROLES.role("someone@example.org") is Role.VIEWER
    assert ROLES.role(None) is Role.VIEWER


def test_role_from_groups_and_the_highest_of_several_wins() -> None:
    assert ROLES.role(None, ["atlas-editors"]) is Role.EDITOR
    assert ROLES.role("ed@example.org", ["atlas-admins"]) is Role.ADMIN
    assert ROLES.role("boss@example.org", ["atlas-editors"]) is Role.ADMIN
    assert ROLES.role("x@example.org", ["other", "atlas-editors"]) is Role.EDITOR
    assert ROLES.role("x@example.org", ["Atlas-Editors"]) is Role.VIEWER  # group names as given


def test_signed_in_sets_everyone_s_least_role_and_groups_claim_is_read() -> None:
    roles = parse_roles({"signed_in": "editor", "groups_claim": "roles", "groups": {"a": "admin"}})
    assert roles.role("anyone@example.org") is Role.EDITOR
    assert roles.role(None, ["a"]) is Role.ADMIN
    assert roles.groups_claim == "roles"
    assert ROLES.signed_in is Role.VIEWER and ROLES.groups_claim == "groups"


@pytest.mark.parametrize(
    ("data", "where", "value"),
    [
        ({"emails": {"a@b.cn": "owner"}}, "a@b.cn", "owner"),
        ({"groups": {"team": 3}}, "team", "3"),
        ({"signed_in": "root"}, "signed_in", "root"),
    ],
)
def test_a_bad_role_is_a_user_error_naming_the_entry(data: dict, where: str, value: str) -> None:
    with pytest.raises(UserError) as caught:
        parse_roles(data)
    assert caught.value.key == "auth.bad_role"
    assert caught.value.values == {"value": value, "where": where}
    for lang in ("en", "zh"):
        text = caught.value.message(translator(lang))
        assert where in text and value in text


@pytest.mark.parametrize(
    "text",
    ['emails = "ed@example.org"', "[emails\nbroken", 'groups = ["a", "b"]'],
)
def test_a_bad_role_file_is_a_user_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "roles.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_roles(path)
    assert caught.value.key == "auth.bad_roles_file"


def test_a_role_file_is_read_and_a_missing_one_gives_no_roles(tmp_path: Path) -> None:
    path = tmp_path / "roles.toml"
    path.write_text('[emails]\n"ed@example.org" = "editor"\n', encoding="utf-8")
    assert read_roles(path).role("ED@example.org") is Role.EDITOR
    assert read_roles(tmp_path / "none.toml") is NO_ROLES
    assert NO_ROLES.role("ed@example.org", ["admins"]) is Role.VIEWER


ALLOWED = {
    Role.VIEWER: set(),
    Role.EDITOR: {"checklist", "scenario", "import"},
    Role.ADMIN: set(NEEDS),
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", sorted(NEEDS))
def test_each_role_may_do_exactly_its_actions(role: Role, action: str) -> None:
    actor = Actor("oidc:x@example.org", "X", role)
    if action in ALLOWED[role]:
        assert actor.can(action)
        actor.require(action)  # no refusal
    else:
        assert not actor.can(action)
        with pytest.raises(Refused) as caught:
            actor.require(action)
        assert caught.value.key == f"auth.refused_{action}"
        assert isinstance(caught.value, UserError)
        assert caught.value.message(translator("zh")) != caught.value.key


def test_the_anonymous_viewer_may_not_write() -> None:
    assert VIEWER.role is Role.VIEWER and not any(VIEWER.can(a) for a in NEEDS)


def test_the_example_role_file_reads_as_documented() -> None:
    from app.core.config import ROOT

    roles = read_roles(ROOT / ".streamlit" / "roles.example.toml")
    assert roles.role("Li.Hua@example.gov.cn") is Role.EDITOR
    assert roles.role(None, ["atlas-admins"]) is Role.ADMIN
    assert roles.role("stranger@example.org") is Role.VIEWER


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),  # an IPv4 peer on the server's default dual-stack socket
        ("::ffff:192.0.2.2", False),
        ("192.0.2.2", False),
        ("fe80::1", False),
        ("", False),
        (None, False),
        ("localhost", False),  # a name is not an address: never trusted
    ],
)
def test_loopback_addresses(address: str | None, loopback: bool) -> None:
    from app.ui.auth import is_loopback

    assert is_loopback(address) is loopback
