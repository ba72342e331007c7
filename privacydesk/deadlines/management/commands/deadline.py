"""`manage.py deadline --desk SLUG --right CODE --received 2026-10-31T10:00+09:00 [--extended]`: one right's dates.

For clerks and auditors: prints one JSON object with ``counts_from`` (the day the request counts as received),
``due`` (the deadline's date), ``extended_due`` (with ``--extended``; null where the law allows no extension) and
``explanation`` — from the same functions the case page uses. ``--list`` prints the right codes each desk accepts,
one ``SLUG CODE jurisdiction`` a line. Bad input (unknown desk or right, malformed date) is one line on stderr and
exit status 2.
"""

import json
from datetime import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from privacydesk.cases.choices import Kind
from privacydesk.organizations.calendar import DeskCalendar
from privacydesk.organizations.deadlines import explanation, right_clock
from privacydesk.organizations.models import Organization

BAD_INPUT = 2


def _received(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--received: {value!r} is not a date and time (e.g. 2026-10-31T10:00+09:00).", returncode=BAD_INPUT
        ) from None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)  # naive: the desk's time (Tokyo)


class Command(BaseCommand):
    help = "Print one right's counts-from day, deadline and (with --extended) extended deadline as JSON, with why."

    def add_arguments(self, parser):
        parser.add_argument("--desk", help="The desk's slug.")
        parser.add_argument("--right", help="The right's code (see --list), e.g. gdpr_access.")
        parser.add_argument("--received", help="When the request arrived, ISO 8601 (naive: Asia/Tokyo).")
        parser.add_argument("--extended", action="store_true", help="Also print where the one extension would end.")
        parser.add_argument(
            "--list", dest="list_rights", action="store_true", help="Print the right codes each desk accepts."
        )
        parser.add_argument(
            "--language", choices=[code for code, _name in settings.LANGUAGES], default=settings.LANGUAGE_CODE
        )

    def handle(self, *args, desk, right, received, extended, list_rights, language, **options):
        if list_rights:
            for organization in Organization.objects.order_by("slug"):
                for request_type in organization.offered_request_types():
                    self.stdout.write(f"{organization.slug} {request_type.value} {request_type.jurisdiction.value}")
            return
        if not (desk and right and received):
            raise CommandError("--desk, --right and --received are required (or --list).", returncode=BAD_INPUT)
        organization = Organization.objects.filter(slug=desk).first()
        if organization is None:
            raise CommandError(f"--desk: no desk {desk!r} (see --list).", returncode=BAD_INPUT)
        if right not in {t.value for t in organization.offered_request_types()}:
            raise CommandError(f"--right: desk {desk!r} does not accept {right!r} (see --list).", returncode=BAD_INPUT)
        arrived = _received(received)
        calendar = DeskCalendar.for_organization(organization)
        rules = list(organization.deadline_rules.all())
        clock = right_clock(organization, Kind.REQUEST, right, arrived, calendar=calendar, rules=rules)
        with translation.override(language):
            result = {
                "counts_from": clock.counts_from.isoformat(),
                "due": clock.due.isoformat(),
                **({"extended_due": clock.extended_due and clock.extended_due.isoformat()} if extended else {}),
                "explanation": explanation(clock, arrived, calendar, extended=extended),
            }
        self.stdout.write(json.dumps(result, ensure_ascii=False))
