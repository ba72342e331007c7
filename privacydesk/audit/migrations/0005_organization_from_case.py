"""Entries written before the desk was recorded on them get their case's desk, so that who may read them is
decided the same way for every entry (the audit selectors never reach into the cases app)."""

from django.db import migrations

FILL = (
    "UPDATE audit_auditentry SET organization_id = "
    "(SELECT organization_id FROM cases_case WHERE cases_case.id = audit_auditentry.case_id) "
    "WHERE organization_id IS NULL AND case_id IN (SELECT id FROM cases_case)"
)


def organization_from_case(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:  # the log is append-only: this one-off fill of a new column is the only exception
        schema_editor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_auditentry_append_only")
    schema_editor.execute(FILL)
    if postgresql:
        schema_editor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_auditentry_append_only")


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_auditentry_organization"), ("cases", "0001_squashed")]
    operations = [migrations.RunPython(organization_from_case, migrations.RunPython.noop)]
