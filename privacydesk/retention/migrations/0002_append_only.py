"""On PostgreSQL, destruction records can be added, never changed or deleted, whatever the client."""

from django.db import migrations

from privacydesk.core.migration_ops import append_only


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_squashed")]
    operations = [append_only("retention_destructionrecord")]
