"""PostgreSQL: a trigram index so that searching a name or furigana inside name_key is an index scan."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS case_name_key_trgm ON cases_case USING gin (name_key gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS case_name_key_trgm")


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_open_due_index")]
    operations = [migrations.RunPython(forwards, backwards)]
