"""Reads for the guide, the FAQ and the cookie page. Everything the guide says comes from the desk's settings."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from privacydesk.cases.models import Kind
from privacydesk.core.vocabulary import Channel, Jurisdiction, RequestType, VerificationMethod
from privacydesk.organizations.deadlines import Period, policy_for
from privacydesk.organizations.models import Organization, Unit

from .models import FaqEntry


def period_text(period: Period) -> str:
    """'10 business days', '1 month': a period as the guide says it, in the active language."""
    if period.unit == Unit.BUSINESS_DAYS:
        return ngettext("%(count)d business day", "%(count)d business days", period.amount) % {"count": period.amount}
    if period.unit == Unit.MONTHS:
        return ngettext("%(count)d month", "%(count)d months", period.amount) % {"count": period.amount}
    return ngettext("%(count)d calendar day", "%(count)d calendar days", period.amount) % {"count": period.amount}


@dataclass
class RequestTypeRow:
    request_type: RequestType
    charged: bool
    ack: str
    response: str
    extension: str


@dataclass
class KindTiming:
    kind: Kind
    ack: str
    response: str


@dataclass
class Guide:
    organization: Organization
    request_types: list[RequestTypeRow]
    kinds: list[KindTiming]
    channels: list[str]
    verification_methods: list[str]
    jurisdictions: list[str] = field(default_factory=list)

    @property
    def has_fee(self) -> bool:
        return bool(self.organization.fee_amount and self.organization.charged_request_types())

    @property
    def has_free_types(self) -> bool:
        return any(not row.charged for row in self.request_types)

    @property
    def request_ack(self) -> str:
        """How soon a request is acknowledged, when it is the same for every request type ("" otherwise)."""
        acks = {row.ack for row in self.request_types}
        return acks.pop() if len(acks) == 1 else ""

    @property
    def accepts_paper(self) -> bool:
        return bool({Channel.POST, Channel.FAX, Channel.VISIT} & set(self.channels))

    @property
    def request_form_label(self) -> str:
        return request_form_label(organization=self.organization)

    @property
    def charged_labels(self) -> list[str]:
        """The request types the fee applies to, in the order of the table (only those the desk offers)."""
        return [str(row.request_type.label) for row in self.request_types if row.charged]

    @property
    def has_gdpr(self) -> bool:
        return Jurisdiction.GDPR in self.jurisdictions

    @property
    def has_ccpa(self) -> bool:
        return Jurisdiction.CCPA in self.jurisdictions


def guide_build(*, organization: Organization) -> Guide:
    """The procedure guide of a desk: its request types, channels, identity checks, fee and clocks."""
    rules = list(organization.deadline_rules.all())
    charged = {t.value for t in organization.charged_request_types()} if organization.fee_amount else set()
    rows = []
    offered = organization.offered_request_types()
    for request_type in offered:
        policy = policy_for(organization, Kind.REQUEST, [request_type.value], rules=rules)
        rows.append(
            RequestTypeRow(
                request_type=request_type,
                charged=request_type.value in charged,
                ack=period_text(policy.ack),
                response=period_text(policy.response),
                extension=period_text(policy.extension) if policy.extension else "",
            )
        )
    kinds = []
    for kind in (Kind.INQUIRY, Kind.COMPLAINT):
        policy = policy_for(organization, kind, [], rules=rules)
        kinds.append(KindTiming(kind=kind, ack=period_text(policy.ack), response=period_text(policy.response)))
    return Guide(
        organization=organization,
        request_types=rows,
        kinds=kinds,
        channels=[Channel(c).value for c in organization.channels],
        verification_methods=[VerificationMethod(m).value for m in organization.verification_methods],
        jurisdictions=sorted({t.jurisdiction.value for t in offered}),
    )


def request_form_label(*, organization: Organization) -> str:
    """The printable request form is for the written channels the desk has: post, FAX or both ("" for none)."""
    written = {Channel.POST, Channel.FAX} & {Channel(c) for c in organization.channels}
    if written == {Channel.POST, Channel.FAX}:
        return _("Printable request form, to send by post or FAX")
    if Channel.POST in written:
        return _("Printable request form, to send by post")
    if Channel.FAX in written:
        return _("Printable request form, to send by FAX")
    return ""


# --- FAQ


def faq_list_public(*, organization: Organization) -> list[FaqEntry]:
    return list(FaqEntry.objects.filter(organization=organization, published=True).order_by("order", "pk"))


def faq_organizations_for(*, user) -> list[Organization]:
    return list(user.organizations.order_by("slug"))


def faq_list_for_staff(*, organization: Organization) -> list[FaqEntry]:
    return list(FaqEntry.objects.filter(organization=organization).order_by("order", "pk"))


def faq_get_for_staff(*, user, entry_id: int) -> FaqEntry:
    """An entry of one of the user's organisations; any other is 'not found', never 'forbidden'."""
    entry = (
        FaqEntry.objects.select_related("organization")
        .filter(pk=entry_id, organization__in=user.organizations.all())
        .first()
    )
    if entry is None:
        raise Http404
    return entry


# --- cookies


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    lifetime: str
    when: str


def _lifetime(seconds: int | None) -> str:
    if seconds is None:
        return _("Until you close the browser")
    days = round(seconds / 86400)
    if days >= 1:
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    minutes = max(round(seconds / 60), 1)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def _messages_use_cookies() -> bool:
    storage = getattr(settings, "MESSAGE_STORAGE", "django.contrib.messages.storage.fallback.FallbackStorage")
    return storage.endswith(("FallbackStorage", "CookieStorage"))


def cookies_set_by_privacydesk() -> list[Cookie]:
    """Exactly the cookies the site can set, read from the settings that name them."""
    session_life = (
        _("Until you close the browser")
        if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
        else _lifetime(settings.SESSION_COOKIE_AGE)
    )
    cookies = [
        Cookie(
            name=settings.SESSION_COOKIE_NAME,
            purpose=_(
                "Keeps what you have typed into a form and the files you uploaded until you send it, and keeps staff signed in."
            ),
            lifetime=session_life,
            when=_("When you fill in a form, or when staff sign in."),
        ),
        Cookie(
            name=settings.CSRF_COOKIE_NAME,
            purpose=_("Protects the forms against requests forged by other websites (CSRF protection)."),
            lifetime=_lifetime(settings.CSRF_COOKIE_AGE),
            when=_("On the first page that shows a form or the language buttons."),
        ),
        Cookie(
            name=settings.LANGUAGE_COOKIE_NAME,
            purpose=_("Remembers the language you chose (Japanese or English)."),
            lifetime=_lifetime(settings.LANGUAGE_COOKIE_AGE),
            when=_("When you press a language button."),
        ),
    ]
    if _messages_use_cookies():
        cookies.append(
            Cookie(
                name=CookieStorage.cookie_name,
                purpose=_("Carries a one-time notice (such as “We have received your message”) to the next page."),
                lifetime=_("Deleted as soon as the next page has shown the notice"),
                when=_("Only after an action that shows a notice on the following page."),
            )
        )
    return cookies
