"""PostgreSQL: a trigram index so that searching a name or furigana inside name_key is an index scan."""

from django.db import migrations

from privacydesk.core.migration_ops import trigram_index


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_squashed")]
    operations = [trigram_index(table="cases_case", column="name_key", name="case_name_key_trgm")]
