"""Migration operations written once and used by every app that needs them (PostgreSQL only; no-ops elsewhere).

Each is idempotent, so a database that already has the trigger or index from an older migration takes the
squashed migration without error.
"""

from django.db import migrations

_FUNCTION = """
CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$
BEGIN
    {allow}RAISE EXCEPTION '{table} is append-only';
END;
$$ LANGUAGE plpgsql;
"""
_TRIGGER = """
DROP TRIGGER IF EXISTS {table}_append_only ON {table};
CREATE TRIGGER {table}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_append_only();
"""
_DROP = """
DROP TRIGGER IF EXISTS {table}_append_only ON {table};
DROP FUNCTION IF EXISTS {table}_append_only();
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def append_only(table: str, *, delete_when: str = "") -> migrations.RunPython:
    """Refuse UPDATE and DELETE on ``table`` at the database itself, whatever the client.

    ``delete_when``: an SQL condition on ``OLD`` under which a DELETE is let through (the audit log's purge).
    """
    allow = f"IF TG_OP = 'DELETE' AND {delete_when} THEN\n        RETURN OLD;\n    END IF;\n    " if delete_when else ""
    create = _FUNCTION.format(table=table, allow=allow) + _TRIGGER.format(table=table)
    return migrations.RunPython(_on_postgresql(create), _on_postgresql(_DROP.format(table=table)))


def trigram_index(*, table: str, column: str, name: str) -> migrations.RunPython:
    """A GIN trigram index (pg_trgm), so that a search for text inside ``column`` is an index scan."""
    create = (
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
        f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops);"
    )
    return migrations.RunPython(_on_postgresql(create), _on_postgresql(f"DROP INDEX IF EXISTS {name};"))
