"""`manage.py purge [--dry-run] [--now ISO]`: apply the retention rules now (or show what would go)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import override

from privacydesk.retention.services import purge_expired_data


class Command(BaseCommand):
    help = "Destroy or anonymise what the retention rules say is due; --dry-run only shows it."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Show what would go; change nothing.")
        parser.add_argument("--now", help="Run as of this time (ISO 8601), e.g. to see what goes next month.")

    def handle(self, *args, dry_run: bool, now: str | None, **options):
        when = None
        if now:
            when = parse_datetime(now) or parse_datetime(f"{now}T00:00:00")
            if when is None:
                raise CommandError(f"Not an ISO date or time: {now}")
            if timezone.is_naive(when):
                when = timezone.make_aware(when)
        with override("en"):
            report = purge_expired_data(now=when, dry_run=dry_run)
            verb = "would go" if dry_run else "went"
            self.stdout.write(f"{'Dry run' if dry_run else 'Purge'} as of {report.now.isoformat()}")
            for item in report.rules:
                desk = item.organization.slug if item.organization else "(all desks)"
                line = f"{desk}: {item.rule.describe()} — before {item.cutoff:%Y-%m-%d}: {item.count} {verb}"
                if item.references:
                    more = " …" if item.count > len(item.references) else ""
                    line += f" ({', '.join(item.references)}{more})"
                if item.failed:
                    line += f"; {item.failed} failed (see the log; retried at the next run)"
                self.stdout.write(line)
            self.stdout.write(f"Total: {report.total} {verb}.")
            if report.failed:
                raise CommandError(f"{report.failed} objects could not be processed.")
