"""The same message delivered twice at the same moment is stored once (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from tests.standins.webhooks import fixture_body
from zicht.inbox.models import Channel, Conversation, DeliveryStatus, Message, WebhookDelivery
from zicht.inbox.services import deliveries_retry_failed, webhook_delivery_process
from zicht.youth.models import Youth

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_redelivery_stores_the_message_once(team):
    if connection.vendor != "postgresql":
        pytest.skip("SKIPPED on SQLite: needs concurrent connections; runs in the PostgreSQL pass")
    Channel.objects.create(kind="whatsapp", external_id="109876543210001", team=team)
    body = fixture_body("whatsapp", "batched").decode()
    deliveries = [
        WebhookDelivery.objects.create(object_type="whatsapp_business_account", body=body)
        for _ in range(4)
    ]
    start = threading.Barrier(len(deliveries))

    def process(delivery_id: int) -> None:
        start.wait()
        try:
            webhook_delivery_process(delivery_id=delivery_id)
        except Exception:
            pass
        finally:
            connection.close()

    threads = [threading.Thread(target=process, args=(d.pk,)) for d in deliveries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    deliveries_retry_failed()
    ids = list(Message.objects.values_list("external_id", flat=True))
    assert len(ids) == len(set(ids)) > 1
    assert Conversation.objects.count() == len(
        set(Conversation.objects.values_list("contact_id", flat=True))
    )
    assert Youth.objects.count() == Conversation.objects.count()
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {
        DeliveryStatus.PROCESSED
    }
