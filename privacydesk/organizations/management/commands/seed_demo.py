"""`manage.py seed_demo [--cases N]`: the five reference desks, demo staff and sample cases. Safe to run twice."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from privacydesk.accounts.demo import demo_staff_create
from privacydesk.cases.demo import bulk_cases_create, sample_cases_create
from privacydesk.guides.demo import demo_faq_create
from privacydesk.letters.demo import demo_letters_create
from privacydesk.organizations.demo import DESKS
from privacydesk.organizations.models import Organization
from privacydesk.policies.demo import demo_policies_create
from privacydesk.retention.demo import demo_retention_rules_create


class Command(BaseCommand):
    help = "Create the five demo desks, demo staff accounts and sample cases (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=0, help="Also add N synthetic cases (bulk insert).")

    def handle(self, *args, cases: int, **options):
        with transaction.atomic():
            organizations = []
            for desk in DESKS:
                values = {k: [str(v) for v in val] if isinstance(val, list) else val for k, val in desk.items()}
                org, _created = Organization.objects.update_or_create(slug=values.pop("slug"), defaults=values)
                org.full_clean()
                organizations.append(org)
            staff = demo_staff_create(organizations)
        samples = sum(sample_cases_create(org) for org in organizations)
        letters = sum(demo_letters_create(org) for org in organizations)
        policies = sum(demo_policies_create(org) for org in organizations)
        self.stdout.write(f"Policy versions added: {policies}")
        rules = sum(demo_retention_rules_create(org) for org in organizations)
        self.stdout.write(f"Retention rules added: {rules}")
        faq = sum(demo_faq_create(org) for org in organizations)
        self.stdout.write(f"FAQ entries added: {faq}")
        self.stdout.write(f"Desks: {', '.join(o.slug for o in organizations)}")
        self.stdout.write(f"Staff accounts: {', '.join(staff)}; sample cases added: {samples}; letters: {letters}")
        if cases:
            started = time.monotonic()
            added = bulk_cases_create(organizations, cases)
            self.stdout.write(f"Synthetic cases added: {added} in {time.monotonic() - started:.1f} s")
