"""The audit log records who did what to which record, and cannot be altered by the app."""

import pytest

from tests.factories import UserFactory
from zicht.privacy.audit import AuditAction, audit, audit_context
from zicht.privacy.models import AppendOnlyError, AuditEvent

pytestmark = pytest.mark.django_db


def test_audit_records_who_what_which_object_when_and_why():
    actor = UserFactory(username="sanne", role="jongerenwerker")
    subject = UserFactory(username="jongere")
    event = audit(actor=actor, action=AuditAction.READ, obj=subject, reason="profiel bekeken")
    event.refresh_from_db()
    assert (event.actor, event.actor_username, event.actor_role) == (
        actor,
        "sanne",
        "jongerenwerker",
    )
    assert (event.object_type, event.object_id) == ("accounts.user", str(subject.pk))
    assert event.action == "read"
    assert event.reason == "profiel bekeken"
    assert event.at is not None


def test_outside_a_request_the_record_says_it_came_from_the_command_line():
    assert audit(actor=None, action=AuditAction.CREATE, object_type="x", object_id=1).via == "cli"


def test_the_request_context_supplies_channel_and_address():
    with audit_context(via="api", ip_address="10.1.2.3"):
        event = audit(actor=None, action=AuditAction.READ, object_type="x", object_id=1)
    assert (event.via, event.ip_address) == ("api", "10.1.2.3")


def test_a_record_cannot_be_changed():
    event = audit(actor=None, action=AuditAction.READ, object_type="x", object_id=1)
    event.reason = "covering tracks"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="covering tracks")
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


def test_a_record_cannot_be_deleted():
    event = audit(actor=None, action=AuditAction.READ, object_type="x", object_id=1)
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_log_keeps_working_after_the_actor_account_is_removed():
    actor = UserFactory(username="vertrokken")
    event = audit(actor=actor, action=AuditAction.READ, object_type="x", object_id=1)
    actor.delete()
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.actor is None
    assert event.actor_username == "vertrokken"
