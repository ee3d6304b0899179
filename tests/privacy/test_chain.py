"""`zicht audit-verify` detects a changed or a removed audit record."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from zicht.privacy.audit import AuditAction, audit

pytestmark = pytest.mark.django_db


def verify() -> str:
    out = io.StringIO()
    call_command("audit-verify", stdout=out)
    return out.getvalue()


def write_three() -> list[int]:
    return [
        audit(actor=None, action=AuditAction.READ, object_type="youth.youth", object_id=i).pk
        for i in range(3)
    ]


def test_an_untouched_log_is_intact():
    write_three()
    assert "3 records checked" in verify()


def test_a_record_changed_behind_the_apps_back_is_detected():
    ids = write_three()
    with connection.cursor() as cursor:  # what an intruder with database access would do
        cursor.execute(
            "UPDATE privacy_auditevent SET reason = 'nothing to see' WHERE id = %s", [ids[1]]
        )
    with pytest.raises(CommandError, match=f"record {ids[1]} \\(this record was changed\\)"):
        verify()


def test_a_removed_record_is_detected():
    ids = write_three()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM privacy_auditevent WHERE id = %s", [ids[1]])
    with pytest.raises(CommandError, match=f"record {ids[2]}"):
        verify()


def test_each_record_links_to_the_one_before():
    first, second = (
        audit(actor=None, action=AuditAction.READ, object_type="x", object_id=i) for i in range(2)
    )
    assert second.previous_hash == first.hash
    assert len(second.hash) == 64
