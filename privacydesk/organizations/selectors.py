from django.shortcuts import get_object_or_404

from .models import Organization


def organization_get_public(*, slug: str) -> Organization:
    return get_object_or_404(Organization, slug=slug, is_active=True)


def organization_list_public() -> list[Organization]:
    return list(Organization.objects.filter(is_active=True).order_by("slug"))
