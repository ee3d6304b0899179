"""Full-text search over message text: SQLite FTS5 by default, PostgreSQL's Dutch
configuration in production. Both are kept in sync by the database itself."""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE inbox_message_fts USING fts5("
    "text, content='inbox_message', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER inbox_message_fts_ai AFTER INSERT ON inbox_message BEGIN "
    "INSERT INTO inbox_message_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER inbox_message_fts_ad AFTER DELETE ON inbox_message BEGIN "
    "INSERT INTO inbox_message_fts(inbox_message_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER inbox_message_fts_au AFTER UPDATE OF text ON inbox_message BEGIN "
    "INSERT INTO inbox_message_fts(inbox_message_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO inbox_message_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO inbox_message_fts(inbox_message_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS inbox_message_fts_ai",
    "DROP TRIGGER IF EXISTS inbox_message_fts_ad",
    "DROP TRIGGER IF EXISTS inbox_message_fts_au",
    "DROP TABLE IF EXISTS inbox_message_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX inbox_message_text_fts ON inbox_message "
    "USING gin (to_tsvector('dutch'::regconfig, text))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS inbox_message_text_fts"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("inbox", "0002_initial")]
    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
