"""Sign-in and roles in a real browser against real servers.

a) No sign-in configured, the app bound to every address and opened at this machine's
   network address: a reader elsewhere gets no write controls and a note why.
b) OpenID Connect end to end: a local provider (oidc-provider-mock), Streamlit's st.login,
   the role file giving the test e-mail the editor's role; sign in, edit controls appear,
   sign out, they are gone.
"""

from __future__ import annotations

import json
import socket
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from app.core.i18n import translator
from app.ui.auth import ROLES_ENV
from tests.e2e.conftest import free_port, open_path, settle, start_server, stop_server

EN = translator("en")
ZH = translator("zh")
EMAIL, NAME = "ed@example.org", "Ed Li"
FORM = "[data-testid='stForm']"  # the checklist's edit form (a viewer gets none)
UPLOAD = "[data-testid='stFileUploader']"


def network_address() -> str | None:
    """This machine's non-loopback IPv4 address, or None: the source address of a route
    out (a UDP connect sends nothing), else what the host name resolves to."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("8.8.8.8", 9))
            address = s.getsockname()[0]
            if not address.startswith("127."):
                return address
        except OSError:
            pass
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    return next((i[4][0] for i in infos if not i[4][0].startswith("127.")), None)


# ---- a) read-only from another address -----------------------------------------------------


# Both ways a server listens on every address: `make run`'s default (an IPv6 dual-stack
# socket, which reports IPv4 peers as ::ffff:a.b.c.d) and an explicit IPv4 0.0.0.0.
BINDS = {"default": (), "0.0.0.0": ("--server.address", "0.0.0.0")}


@contextmanager
def page_at(browser, base: str, headers: dict[str, str] | None = None) -> Iterator[object]:
    """A page in a fresh browser context whose paths open under base."""
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, extra_http_headers=headers or {}
    )
    page = context.new_page()
    page.base_url = base
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="module", params=sorted(BINDS))
def lan_url(browser, request, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app's loopback URL; the test opens it at the network address as well."""
    state = tmp_path_factory.mktemp("lan") / "state.sqlite"
    proc, url = start_server(env={"ATLAS_STATE_DB": str(state)}, args=BINDS[request.param])
    yield url
    stop_server(proc)


@pytest.fixture
def lan_page(browser, lan_url: str):
    address = network_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address to open the app from")
    with page_at(browser, lan_url.replace("127.0.0.1", address)) as page:
        yield page


@pytest.fixture
def proxied_page(browser, lan_url: str):
    """This computer, but through a proxy that names another visitor (X-Forwarded-For)."""
    with page_at(browser, lan_url, {"X-Forwarded-For": "203.0.113.9"}) as page:
        yield page


@pytest.fixture
def local_page(browser, lan_url: str):
    with page_at(browser, lan_url) as page:
        yield page


def test_on_this_computer_the_checklist_can_be_edited(local_page) -> None:
    open_path(local_page, "/checklist?lang=en&item=rec-3")
    assert EN("auth.local_only") in local_page.locator("[data-testid='stSidebar']").inner_text()
    assert local_page.locator(FORM).count() == 1


def test_a_visitor_through_a_proxy_only_reads(proxied_page) -> None:
    open_path(proxied_page, "/checklist?lang=en&item=rec-3")
    assert EN("auth.read_only") in proxied_page.locator("[data-testid='stSidebar']").inner_text()
    assert proxied_page.locator(FORM).count() == 0


def test_from_the_network_the_app_only_reads_and_says_why(lan_page) -> None:
    open_path(lan_page, "/checklist?lang=zh&item=rec-3")
    sidebar = lan_page.locator("[data-testid='stSidebar']")
    assert ZH("auth.read_only") in sidebar.inner_text()
    main = lan_page.locator("[data-testid='stMain']")
    note = ZH("auth.why_remote", doing=ZH("auth.doing_checklist"))
    assert note in main.inner_text()
    assert lan_page.locator(FORM).count() == 0
    assert main.get_by_role("button", name=ZH("checklist.save"), exact=True).count() == 0

    open_path(lan_page, "/import?lang=en")
    main = lan_page.locator("[data-testid='stMain']")
    assert EN("auth.why_remote", doing=EN("auth.doing_import")) in main.inner_text()
    assert lan_page.locator(UPLOAD).count() == 0
    assert main.get_by_role("button", name=EN("importer.import")).count() == 0


# ---- b) OpenID Connect against a local provider ------------------------------------------


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """oidc-provider-mock on a loopback port; the test user's claims set beforehand (the
    provider's own form takes only the subject)."""
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread(port=free_port()) as server:
        base = f"http://localhost:{server.server_port}"
        request = urllib.request.Request(
            f"{base}/users/{EMAIL}",
            data=json.dumps({"email": EMAIL, "name": NAME}).encode(),
            headers={"Content-Type": "application/json"},
            method="PUT",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 204
        yield base


@pytest.fixture(scope="module")
def signed_url(browser, provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with [auth] in its own secrets file and a role file making EMAIL an editor.
    localhost throughout: the identity cookie is set for the host the browser used."""
    folder = tmp_path_factory.mktemp("signin")
    port = free_port()
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
        'cookie_secret = "e2e-only-cookie-secret"\n'
        'client_id = "atlas-e2e"\n'
        'client_secret = "atlas-e2e-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    roles = folder / "roles.toml"
    roles.write_text(f'[emails]\n"{EMAIL}" = "editor"\n', encoding="utf-8")
    env = {ROLES_ENV: str(roles), "ATLAS_STATE_DB": str(folder / "state.sqlite")}
    proc, _ = start_server(env=env, args=("--secrets.files", str(secrets)), port=port)
    yield f"http://localhost:{port}"
    stop_server(proc)


@pytest.fixture
def signed_page(browser, signed_url: str):
    with page_at(browser, signed_url) as page:
        yield page


def sidebar_text(page) -> str:
    return page.locator("[data-testid='stSidebar']").inner_text()


def test_sign_in_with_the_provider_gives_the_editor_s_controls_and_sign_out_removes_them(
    signed_page, provider: str
) -> None:
    page = signed_page
    open_path(page, "/checklist?lang=en&item=rec-3")
    assert page.locator(FORM).count() == 0
    note = EN("auth.why_sign_in", doing=EN("auth.doing_checklist"), role=EN("auth.role_editor"))
    assert note in page.locator("[data-testid='stMain']").inner_text()

    page.get_by_role("button", name=EN("auth.sign_in")).click()
    page.wait_for_url(f"{provider}/oauth2/authorize*")
    page.fill("input[name='sub']", EMAIL)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{page.base_url}/**")
    settle(page)

    open_path(page, "/checklist?lang=en&item=rec-3")
    signed_in = EN("auth.signed_in", name=NAME, role=EN("auth.role_editor")).replace("**", "")
    assert signed_in in sidebar_text(page)
    assert page.locator(FORM).count() == 1
    assert page.locator(FORM).get_by_role("button", name=EN("checklist.save")).count() == 1
    assert EN("checklist.signed_in_as", who=NAME).replace("**", "") in page.inner_text("body")

    page.get_by_role("button", name=EN("auth.sign_out")).click()
    end = page.get_by_role("button", name="End session")  # the provider asks to confirm
    end.wait_for()
    end.click()
    page.wait_for_url(f"{page.base_url}/**")
    settle(page)
    open_path(page, "/checklist?lang=en&item=rec-3")
    assert page.get_by_role("button", name=EN("auth.sign_in")).count() == 1
    assert page.locator(FORM).count() == 0
