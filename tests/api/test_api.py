"""The API skeleton: token auth, JSON errors with `detail`, OpenAPI schema, /api/v1/me/."""

from collections.abc import Callable

import pytest
from django.test import Client
from rest_framework.exceptions import ValidationError

from tests.conftest import Personas
from tests.factories import UserFactory
from zicht.accounts.models import Neighbourhood, Team, User
from zicht.api.errors import exception_handler
from zicht.api.models import ApiToken
from zicht.api.services import api_token_issue, api_token_revoke

pytestmark = pytest.mark.django_db


def token_client(user: User) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {api_token_issue(user=user)}")


def test_me_returns_username_role_and_teams(personas: Personas, team: Team):
    team.neighbourhoods.set(Neighbourhood.objects.filter(name__in=["Tarwewijk", "Carnisse"]))
    response = token_client(personas.worker).get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json() == {
        "username": "werker",
        "role": "jongerenwerker",
        "teams": [
            {
                "name": "Team Charlois",
                "slug": "team-charlois",
                "neighbourhoods": ["Carnisse", "Tarwewijk"],
            }
        ],
        "partner_organisation": None,
    }


def test_me_for_a_partner_names_the_organisation(personas: Personas):
    body = token_client(personas.partner).get("/api/v1/me/").json()
    assert body["role"] == "partner"
    assert body["partner_organisation"] == personas.partner.partner_organisation.name


def test_without_credentials_the_api_answers_401_with_a_detail():
    response = Client().get("/api/v1/me/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


@pytest.mark.parametrize("header", ["Token not-a-real-key", "Token", "Token a b"])
def test_bad_tokens_are_refused_with_a_detail(header: str):
    response = Client(HTTP_AUTHORIZATION=header).get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_a_revoked_token_no_longer_works():
    user = UserFactory()
    key = api_token_issue(user=user)
    api_token_revoke(token=ApiToken.objects.get(user=user))
    assert Client(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/me/").status_code == 401


def test_a_token_of_a_disabled_account_no_longer_works():
    user = UserFactory()
    client = token_client(user)
    user.is_active = False
    user.save()
    assert client.get("/api/v1/me/").status_code == 401


def test_a_browser_session_without_second_factor_gets_no_api_access(personas: Personas):
    client = Client()
    client.force_login(personas.worker)
    response = client.get("/api/v1/me/")
    assert response.status_code in (401, 403)
    assert "tweede inlogstap" in response.json()["detail"]


def test_a_fully_verified_browser_session_may_use_the_api(
    personas: Personas, verified_client: Callable[[User], Client]
):
    assert verified_client(personas.worker).get("/api/v1/me/").json()["username"] == "werker"


def test_unknown_api_routes_answer_404_in_json():
    response = Client().get("/api/v1/bestaat-niet/")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_openapi_schema_describes_me_and_token_auth(personas: Personas):
    response = token_client(personas.worker).get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/me/" in schema["paths"]
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_schema_and_docs_are_not_public():
    assert Client().get("/api/schema/").status_code in (401, 403)
    assert Client().get("/api/docs/").status_code in (401, 403)


def test_api_docs_page_is_served_from_our_own_assets(
    personas: Personas, verified_client: Callable[[User], Client]
):
    response = verified_client(personas.worker).get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "swagger" in html.lower()
    assert "cdn" not in html.lower()
    assert "https://" not in html


def test_validation_errors_name_the_field_in_detail():
    error = ValidationError({"neighbourhood": ["Onbekende wijk 'Atlantis'."]})
    response = exception_handler(error, {})
    assert response is not None
    assert response.status_code == 400
    assert "neighbourhood: Onbekende wijk 'Atlantis'." in response.data["detail"]
    assert response.data["errors"] == {"neighbourhood": ["Onbekende wijk 'Atlantis'."]}


def test_a_nul_character_in_the_body_is_refused_with_a_detail(personas: Personas, team: Team):
    from zicht.youth.models import Youth

    before = Youth.objects.count()
    response = token_client(personas.worker).post(
        "/api/v1/youth/",
        {"nickname": "Sam", "age_band": "12_15", "consent": "gegeven", "team": "\x00"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    assert Youth.objects.count() == before


def test_a_nul_character_in_the_query_string_is_refused_with_a_detail(personas: Personas):
    response = token_client(personas.worker).get("/api/v1/youth/?team=%00")
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_a_nul_character_in_a_page_query_is_refused(personas: Personas):
    response = Client().get("/inloggen/?next=%00")
    assert response.status_code == 400


def test_a_nul_character_in_a_page_form_is_refused(
    personas: Personas, verified_client: Callable[[User], Client]
):
    response = verified_client(personas.worker).post("/jongeren/", {"q": "sam\x00"})
    assert response.status_code == 400
