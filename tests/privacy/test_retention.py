"""`zicht purge`: data older than its retention period is really gone; a run leaves counts only."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import Personas
from zicht.inbox.models import Conversation, Message, WebhookDelivery
from zicht.privacy.models import PurgeRun
from zicht.privacy.retention import RetentionError, purge, retention_set
from zicht.triage.models import FollowUp, Signal
from zicht.triage.services import signal_create, signal_transition
from zicht.youth.models import Youth

pytestmark = pytest.mark.django_db
LONG_AGO = timezone.now() - timedelta(days=800)


@pytest.fixture
def old_data(personas: Personas, team) -> dict[str, object]:
    youth = Youth.objects.create(team=team, nickname="Oud", last_contact_at=LONG_AGO)
    fresh_youth = Youth.objects.create(team=team, nickname="Nieuw", last_contact_at=timezone.now())
    closed = Conversation.objects.create(
        team=team, platform="whatsapp", contact_id="1", state="closed", last_message_at=LONG_AGO
    )
    Message.objects.create(
        conversation=closed,
        team=team,
        direction="in",
        source="webhook",
        text="oud",
        sent_at=LONG_AGO,
    )
    open_old = Conversation.objects.create(
        team=team, platform="whatsapp", contact_id="2", state="open", last_message_at=LONG_AGO
    )
    delivery = WebhookDelivery.objects.create(object_type="page", body="{}")
    WebhookDelivery.objects.filter(pk=delivery.pk).update(received_at=LONG_AGO)
    signal = signal_create(actor=personas.worker, team=team, categories=["thuis"], urgency="hoog")
    signal_transition(
        actor=personas.worker, signal=signal, to_status="closed", closing_reason="resolved"
    )
    Signal.objects.filter(pk=signal.pk).update(updated_at=LONG_AGO)
    return {
        "youth": youth,
        "fresh_youth": fresh_youth,
        "closed": closed,
        "open_old": open_old,
        "signal": signal,
    }


def test_a_dry_run_counts_and_deletes_nothing(old_data):
    run = purge(dry_run=True)
    assert run.counts["closed_conversations"] == 1
    assert run.counts["webhook_payloads"] == 1
    assert Conversation.objects.count() == 2
    assert Youth.objects.count() == 2


def test_purge_deletes_rows_and_their_children_and_keeps_what_is_current(old_data):
    run = purge()
    assert run.counts == {
        "webhook_payloads": 1,
        "screenshots": 0,
        "closed_conversations": 1,
        "observations": 0,
        "closed_signals": 1,
        "profiles": 1,
        "audit_log": 0,
    }
    assert not Message.objects.filter(text="oud").exists()
    assert Conversation.objects.filter(pk=old_data["open_old"].pk).exists(), (
        "open conversations stay"
    )
    assert not FollowUp.objects.filter(signal_id=old_data["signal"].pk).exists()
    assert list(Youth.objects.values_list("nickname", flat=True)) == ["Nieuw"]


def test_a_second_run_finds_nothing_left(old_data):
    purge()
    assert set(purge().counts.values()) == {0}


def test_a_run_leaves_a_record_without_personal_data(old_data):
    out = io.StringIO()
    call_command("purge", stdout=out)
    run = PurgeRun.objects.get()
    assert run.finished_at is not None
    assert "Oud" not in str(run.counts) and "oud" not in out.getvalue().replace("kept", "")
    assert "closed_conversations" in out.getvalue()


def test_a_beheerder_may_shorten_or_lengthen_only_within_bounds(old_data):
    with pytest.raises(RetentionError, match="tussen"):
        retention_set(kind="webhook_payloads", days=365)
    retention_set(kind="closed_conversations", days=730)
    assert purge(dry_run=True).counts["closed_conversations"] == 1  # 800 days old


def test_audit_records_older_than_five_years_go_and_the_chain_still_verifies():
    from zicht.privacy.audit import AuditAction, audit
    from zicht.privacy.chain import chain_verify
    from zicht.privacy.models import AuditEvent

    for number in range(3):
        audit(actor=None, action=AuditAction.READ, object_type="x", object_id=number)
    later = timezone.now() + timedelta(days=1830)
    assert purge(now=later).counts["audit_log"] >= 3
    assert not AuditEvent.objects.filter(object_type="x").exists()
    audit(actor=None, action=AuditAction.READ, object_type="y", object_id=1)
    assert chain_verify().intact


def test_removing_the_first_record_after_a_purge_is_still_detected():
    from django.db import connection

    from zicht.privacy.audit import AuditAction, audit
    from zicht.privacy.chain import chain_verify

    audit(actor=None, action=AuditAction.READ, object_type="x", object_id=1)
    purge(now=timezone.now() + timedelta(days=1830))
    first = audit(actor=None, action=AuditAction.READ, object_type="y", object_id=1)
    audit(actor=None, action=AuditAction.READ, object_type="y", object_id=2)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM privacy_auditevent WHERE id = %s", [first.pk])
    assert not chain_verify().intact


def test_a_purge_interrupted_half_way_resumes_without_orphans(
    personas: Personas, team, monkeypatch
):
    from zicht.privacy import retention

    for number in range(4):
        conversation = Conversation.objects.create(
            team=team,
            platform="whatsapp",
            contact_id=f"c{number}",
            state="closed",
            last_message_at=LONG_AGO,
        )
        Message.objects.create(
            conversation=conversation,
            team=team,
            direction="in",
            source="webhook",
            text=f"bericht {number}",
            sent_at=LONG_AGO,
        )
    monkeypatch.setattr(retention, "BATCH", 1)
    calls = {"n": 0}
    real_delete = retention._delete_in_batches

    def crash_after_two_batches(kind, now):
        if kind != "closed_conversations":
            return real_delete(kind, now)
        original = retention.expired

        def counting(kind_, now_):
            calls["n"] += 1
            if calls["n"] > 4:  # two batches (two queries each) done, then the process dies
                raise RuntimeError("killed")
            return original(kind_, now_)

        monkeypatch.setattr(retention, "expired", counting)
        try:
            return real_delete(kind, now)
        finally:
            monkeypatch.setattr(retention, "expired", original)

    monkeypatch.setattr(retention, "_delete_in_batches", crash_after_two_batches)
    with pytest.raises(RuntimeError):
        purge()
    assert Conversation.objects.count() == 2
    assert Message.objects.count() == 2, "no message outlived its conversation"
    monkeypatch.setattr(retention, "_delete_in_batches", real_delete)
    purge()
    assert (Conversation.objects.count(), Message.objects.count()) == (0, 0)


def test_the_beheerder_adjusts_periods_within_bounds(personas: Personas, verified_client):
    from zicht.privacy.retention import retention_days

    client = verified_client(personas.beheerder)
    client.post("/beheer/bewaartermijnen/", {"screenshots": "14"})
    assert retention_days("screenshots") == 14
    response = client.post("/beheer/bewaartermijnen/", {"screenshots": "400"}, follow=True)
    assert "kies tussen 1 en 90 dagen" in response.content.decode()
    assert retention_days("screenshots") == 14
    assert verified_client(personas.lead).get("/beheer/bewaartermijnen/").status_code == 403
