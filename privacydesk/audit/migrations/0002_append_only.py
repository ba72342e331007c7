"""On PostgreSQL the audit log is append-only at the database itself: UPDATE is refused, and DELETE too unless the
retention purge, and only it, deletes an entry older than it said and older than 365 days whatever the client asks
(the transaction sets ``privacydesk.retention_purge = 'on'`` and ``privacydesk.retention_purge_before``)."""

from django.db import migrations

from privacydesk.core.migration_ops import append_only

PURGE = (
    "current_setting('privacydesk.retention_purge', true) = 'on' "
    "AND OLD.at < NULLIF(current_setting('privacydesk.retention_purge_before', true), '')::timestamptz "
    "AND OLD.at < now() - interval '365 days'"
)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_squashed")]
    operations = [append_only("audit_auditentry", delete_when=PURGE)]
