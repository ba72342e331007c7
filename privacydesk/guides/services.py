"""Writes of the FAQ: add, change, move and delete entries. Views call these and record the audit entry."""

from django.db import transaction
from django.db.models import Max

from privacydesk.organizations.models import Organization

from .models import FaqEntry

FIELDS = ("question_ja", "question_en", "answer_ja", "answer_en", "published")


@transaction.atomic
def faq_entry_create(
    *,
    organization: Organization,
    question_ja: str,
    question_en: str,
    answer_ja: str,
    answer_en: str,
    published: bool = True,
) -> FaqEntry:
    """A new entry, placed after the organisation's last one."""
    Organization.objects.select_for_update().filter(pk=organization.pk).first()  # one 'last place' at a time
    last = FaqEntry.objects.filter(organization=organization).aggregate(last=Max("order"))["last"]
    return FaqEntry.objects.create(
        organization=organization,
        question_ja=question_ja.strip(),
        question_en=question_en.strip(),
        answer_ja=answer_ja.strip(),
        answer_en=answer_en.strip(),
        published=published,
        order=0 if last is None else last + 1,
    )


@transaction.atomic
def faq_entry_update(*, entry: FaqEntry, **values) -> FaqEntry:
    """Change the texts and the published flag; returns the entry as saved."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown FAQ fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(entry, name, value.strip() if isinstance(value, str) else value)
    entry.save(update_fields=[*values, "updated_at"])
    return entry


@transaction.atomic
def faq_entry_move(*, entry: FaqEntry, up: bool) -> bool:
    """Swap the entry with its neighbour above or below; False when it is already first or last."""
    entries = list(
        FaqEntry.objects.select_for_update().filter(organization_id=entry.organization_id).order_by("order", "pk")
    )
    index = next(i for i, e in enumerate(entries) if e.pk == entry.pk)
    other = index - 1 if up else index + 1
    if other < 0 or other >= len(entries):
        return False
    entries[index], entries[other] = entries[other], entries[index]
    for position, item in enumerate(entries):  # renumber densely, so equal orders never make a move a no-op
        if item.order != position:
            item.order = position
            item.save(update_fields=["order", "updated_at"])
    return True


@transaction.atomic
def faq_entry_delete(*, entry: FaqEntry) -> None:
    entry.delete()
