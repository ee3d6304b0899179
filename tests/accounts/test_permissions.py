"""One policy answers 'may this user do this to this object' for views, API and templates."""

from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.test import RequestFactory

from tests.conftest import Personas
from tests.factories import UserFactory
from zicht.accounts.models import Role, Team
from zicht.accounts.permissions import (
    UnknownActionError,
    can,
    permission_required,
    scope_queryset,
)

pytestmark = pytest.mark.django_db


@dataclass
class TeamRecord:
    """Stands for any case object: everything with personal data belongs to one team."""

    team_id: int | None


@dataclass
class SharedRecord:
    partner_organisation_id: int | None


ROLE_EXPECTATIONS = [
    ("core.view_home", {"worker", "lead", "partner", "beheerder"}),
    ("accounts.manage_users", {"beheerder"}),
    ("privacy.view_audit_log", {"beheerder"}),
    ("case.view", {"worker", "lead"}),
    ("case.assign", {"lead"}),
    ("partner.view_shared", {"partner"}),
]


@pytest.mark.parametrize(("action", "allowed"), ROLE_EXPECTATIONS)
def test_each_role_may_do_exactly_what_the_policy_grants(personas: Personas, action, allowed):
    for name in ("worker", "lead", "partner", "beheerder"):
        assert can(getattr(personas, name), action) is (name in allowed), name


def test_workers_and_leads_see_case_objects_of_their_own_team(personas: Personas, team: Team):
    record = TeamRecord(team_id=team.pk)
    assert can(personas.worker, "case.view", record)
    assert can(personas.lead, "case.view", record)


def test_a_worker_of_another_team_cannot_see_the_object(personas: Personas, team: Team):
    assert not can(personas.colleague_other_team, "case.view", TeamRecord(team_id=team.pk))


def test_an_object_without_a_team_is_visible_to_no_case_worker(personas: Personas):
    assert not can(personas.worker, "case.view", TeamRecord(team_id=None))


def test_beheerder_has_no_access_to_case_content(personas: Personas, team: Team):
    assert not can(personas.beheerder, "case.view", TeamRecord(team_id=team.pk))


def test_partner_sees_only_what_was_shared_with_their_organisation(personas: Personas):
    own = SharedRecord(partner_organisation_id=personas.partner.partner_organisation_id)
    other_partner = UserFactory(role=Role.PARTNER)
    assert can(personas.partner, "partner.view_shared", own)
    assert not can(other_partner, "partner.view_shared", own)


def test_a_disabled_account_may_do_nothing(personas: Personas):
    personas.beheerder.is_active = False
    assert not can(personas.beheerder, "accounts.manage_users")


def test_anonymous_users_may_do_nothing():
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), "core.view_home")


def test_asking_about_an_unknown_action_is_an_error_not_a_no(personas: Personas):
    with pytest.raises(UnknownActionError):
        can(personas.worker, "case.viwe")


def test_lists_are_filtered_to_the_users_scope(personas: Personas, team: Team, other_team: Team):
    visible = scope_queryset(personas.worker, "case.view", Team.objects.all(), team_field="pk")
    assert list(visible) == [team]
    assert not scope_queryset(personas.partner, "case.view", Team.objects.all(), team_field="pk")


def test_views_decorated_with_an_action_refuse_other_roles(personas: Personas):
    @permission_required("accounts.manage_users")
    def manage(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    request = RequestFactory().get("/")
    request.user = personas.worker
    with pytest.raises(PermissionDenied):
        manage(request)
    request.user = personas.beheerder
    assert manage(request).status_code == 200


def test_templates_ask_the_same_policy(personas: Personas, team: Team):
    template = Template(
        '{% load zicht %}{% if user|can:"accounts.manage_users" %}manage{% endif %}'
        '{% can_on user "case.view" record as allowed %}{% if allowed %}case{% endif %}'
    )
    record = TeamRecord(team_id=team.pk)
    assert template.render(Context({"user": personas.beheerder, "record": record})) == "manage"
    assert template.render(Context({"user": personas.worker, "record": record})) == "case"
