"""`manage.py send_reminders [--dry-run]`: run the reminder scan now (beat does it every five minutes)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from privacydesk.deadlines.reminders import reminder_deliver, reminder_plans, reminders_pending_ids, reminders_write


class Command(BaseCommand):
    help = "Write and send the reminders and escalations that are due; --dry-run only prints them."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print what would be sent; write and send nothing.")

    def handle(self, *args, dry_run: bool, **options):
        plans = reminder_plans()
        for plan in plans:
            due = timezone.localtime(plan.deadline).strftime("%Y-%m-%d %H:%M")
            offset = f", {plan.offset} business days before" if plan.kind == "reminder" else ""
            self.stdout.write(f"{plan.kind:<10} {plan.reference}  to {plan.recipient:<15} deadline {due}{offset}")
        if dry_run:
            self.stdout.write(f"{len(plans)} due (dry run: nothing written or sent; already-sent ones are listed too).")
            return
        written = reminders_write(plans)
        sent = sum(reminder_deliver(reminder_id=pk) for pk in reminders_pending_ids())
        self.stdout.write(f"{len(written)} new, {sent} sent.")
