"""On PostgreSQL, destruction records can be added, never changed or deleted, whatever the client."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION retention_destructionrecord_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'retention_destructionrecord is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER retention_destructionrecord_append_only
    BEFORE UPDATE OR DELETE ON retention_destructionrecord
    FOR EACH ROW EXECUTE FUNCTION retention_destructionrecord_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS retention_destructionrecord_append_only ON retention_destructionrecord;
DROP FUNCTION IF EXISTS retention_destructionrecord_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
