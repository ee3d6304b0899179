"""A bounded fuzz run of the API from its own OpenAPI schema (schemathesis): whatever the
input, no endpoint answers with a server error."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings

from tests.factories import TeamFactory, UserFactory
from zicht.api.services import api_token_issue

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = get_wsgi_application()


@pytest.fixture
def token(transactional_db) -> str:
    team = TeamFactory()
    user = UserFactory(teams=[team])
    return api_token_issue(user=user)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_makes_the_api_fail_with_a_server_error(case, token):
    response = case.call(headers={"Authorization": f"Token {token}"})
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path}: {response.status_code}"
    )
