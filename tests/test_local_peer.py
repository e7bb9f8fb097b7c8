"""Who counts as this computer when no sign-in is configured: a loopback peer, however the
server writes its address."""

from __future__ import annotations

import pytest

from app.ui import auth


@pytest.mark.parametrize("address", ["127.0.0.1", "::1", "::ffff:127.0.0.1", "127.0.0.2"])
def test_a_loopback_peer_is_local(address: str) -> None:
    assert auth.is_loopback(address)


@pytest.mark.parametrize(
    "address", [None, "", "203.0.113.9", "::ffff:203.0.113.9", "2001:db8::1", "localhost", "x"]
)
def test_any_other_peer_is_not(address: str | None) -> None:
    assert not auth.is_loopback(address)
