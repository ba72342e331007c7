from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from privacydesk.core.vocabulary import Channel

from .models import Organization


def organization_get_public(*, slug: str) -> Organization:
    return get_object_or_404(Organization, slug=slug, is_active=True)


def organization_list_public() -> list[Organization]:
    return list(Organization.objects.filter(is_active=True).order_by("slug"))


@dataclass(frozen=True)
class ContactChannel:
    label: str
    detail: str
    hours: str = ""

    @property
    def text(self) -> str:
        """One line: '0120-555-010, desk hours Weekdays 10:00–17:00' (hours may carry their own brackets)."""
        if not self.hours:
            return self.detail
        return _("%(value)s, desk hours %(hours)s") % {"value": self.detail, "hours": self.hours}


def contact_channels(*, organization: Organization) -> list[ContactChannel]:
    """How a person can reach the desk other than through this site, from the desk's own settings, in the order
    of its channels: telephone and visit with the desk hours, e-mail, post with the full address, FAX. A channel
    whose number or address is not set is left out."""
    found = []
    for channel in organization.channels:
        channel = Channel(channel)
        detail = ""
        if channel == Channel.PHONE:
            detail = organization.phone
        elif channel == Channel.EMAIL:
            detail = organization.email
        elif channel == Channel.FAX:
            detail = organization.fax
        elif channel in (Channel.POST, Channel.VISIT) and organization.address:
            detail = pgettext("postal address", "%(name)s %(desk)s, 〒%(postal_code)s %(address)s") % {
                "name": organization.name,
                "desk": organization.desk_name,
                "postal_code": organization.postal_code,
                "address": organization.address,
            }
        if detail:
            hours = organization.hours if channel in (Channel.PHONE, Channel.VISIT) else ""
            found.append(ContactChannel(label=str(channel.label), detail=detail, hours=hours))
    return found


def contact_channels_text(*, organization: Organization) -> str:
    """The same channels in one line, for a message: 'Telephone: 0120-555-010 (Weekdays 10:00–17:00); Post: …'."""
    return pgettext("between contact channels", "; ").join(
        _("%(label)s: %(value)s") % {"label": c.label, "value": c.text}
        for c in contact_channels(organization=organization)
    )
