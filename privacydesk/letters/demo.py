"""Demo letters: approved letters of each language waiting in today's mail, so a new user sees the flow."""

from privacydesk.accounts.models import User

from .models import Letter
from .services import letter_draft, letter_submit


def demo_letters_create(organization) -> int:
    if Letter.objects.filter(case__organization=organization).exists():
        return 0
    staff = User.objects.filter(username="reception").first()
    count = 0
    for case in organization.cases.filter(kind__in=["request", "inquiry"]).order_by("pk")[:2]:
        if case.kind == "request":
            letter = letter_draft(case=case, kind="acknowledgement", actor=staff)
        else:
            body = "We keep the data of former customers for five years after the contract ends, and then delete it."
            if case.language == "ja":
                body = "ご契約終了後5年間保管し、その後は削除いたします。"
            letter = letter_draft(case=case, kind="inquiry_reply", actor=staff, body=body)
        letter_submit(letter_id=letter.pk, actor=staff)
        count += 1
    return count
