"""The web shell: a home page per role, every URL behind the login, no third-party assets."""

import re
from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import Personas
from zicht.accounts.models import User

pytestmark = pytest.mark.django_db

# URLs anyone may open. Everything else needs a login (and, for pages, the second factor).
PUBLIC_URL_NAMES = {"accounts:login", "set_language", "core:healthz"}
SELF_AUTHENTICATING_PREFIXES = ("api/", "webhooks/")


def all_url_patterns(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            yield from all_url_patterns(pattern, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = (
                f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name or ""
            )
            yield prefix + str(pattern.pattern), name


def example_path(route: str) -> str:
    path = re.sub(r"<(?:\w+:)?\w+>", "1", route)
    return "/" + path.replace("^", "").replace("$", "").replace("(?P<path>.*)", "x")


@pytest.mark.parametrize(("route", "name"), list(all_url_patterns(get_resolver())))
def test_every_url_that_is_not_public_requires_a_login(client: Client, route: str, name: str):
    response = client.get(example_path(route))
    if name in PUBLIC_URL_NAMES:
        assert response.status_code in (200, 302, 405)
    elif route.startswith(SELF_AUTHENTICATING_PREFIXES):
        assert response.status_code in (401, 403, 404)
        if route.startswith("api/v1/"):
            assert response["Content-Type"] == "application/json"
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/account/inloggen/")


@pytest.mark.parametrize(
    ("persona", "heading"),
    [
        ("worker", "Acuut"),
        ("lead", "Overzicht van je team"),
        ("partner", "Doorverwijzingen"),
        ("beheerder", "Gebruikers en teams"),
    ],
)
def test_each_role_gets_its_own_home_page(
    personas: Personas, verified_client: Callable[[User], Client], persona: str, heading: str
):
    response = verified_client(getattr(personas, persona)).get("/")
    assert response.status_code == 200
    assert heading in response.content.decode()


def test_the_beheerder_home_shows_configuration_counts(
    personas: Personas, verified_client: Callable[[User], Client]
):
    html = verified_client(personas.beheerder).get("/").content.decode()
    assert re.search(r"<dt>Gebruikers</dt><dd>5</dd>", html)


def test_pages_forbid_inline_scripts_and_third_party_hosts(
    personas: Personas, verified_client: Callable[[User], Client]
):
    response = verified_client(personas.worker).get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "no inline <script> blocks"
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html), "no assets from other hosts"


def test_the_page_is_usable_without_a_mouse(
    personas: Personas, verified_client: Callable[[User], Client]
):
    html = verified_client(personas.worker).get("/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "<nav aria-label=" in html


def test_static_assets_are_served_by_the_app(client: Client):
    for path in ("/static/zicht/zicht.css", "/static/zicht/vendor/htmx-2.0.11.min.js"):
        response = client.get(path)
        assert response.status_code == 200, path
