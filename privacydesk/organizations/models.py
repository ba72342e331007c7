"""The desk profile of each organisation: who it is, how its desk works, what it charges, the days it is closed
and its own deadline rules."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from privacydesk.core.i18n import join_list, localized
from privacydesk.core.models import TimeStampedModel
from privacydesk.core.vocabulary import (
    APPI_STATUTORY_RIGHTS,
    Channel,
    FeeUnit,
    IdDocument,
    Jurisdiction,
    PaymentMethod,
    ReplyMethod,
    RequestType,
    VerificationMethod,
)


def _check_choices(values: object, choices: type[models.TextChoices], field: str) -> None:
    if not isinstance(values, list) or any(value not in choices.values for value in values):
        raise ValidationError({field: _("Choose only from the listed values.")})


# What the public notice must state of the business itself (APPI Art. 32(1)(i)): name, address, representative.
NOTICE_FIELDS = ("name_ja", "postal_code", "address_ja", "representative_ja")

# Top-level paths of the site that an organisation's slug must not shadow.
RESERVED_SLUGS = frozenset({"staff", "api", "i18n", "static", "healthz", "admin", "cookies"})


class Organization(TimeStampedModel):
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    desk_name_ja = models.CharField(_("desk name (Japanese)"), max_length=200, default="個人情報お問い合わせ窓口")
    desk_name_en = models.CharField(_("desk name (English)"), max_length=200, default="Personal Information Desk")
    postal_code = models.CharField(_("postal code"), max_length=8)
    address_ja = models.CharField(_("address (Japanese)"), max_length=300)
    address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    representative_ja = models.CharField(
        _("representative (Japanese)"),
        max_length=200,
        blank=True,
        help_text=_("Named in the public notice (APPI Art. 32(1)(i)), for example 代表取締役 山田太郎."),
    )
    representative_en = models.CharField(_("representative (English)"), max_length=200, blank=True)
    privacy_officer_ja = models.CharField(_("person responsible for personal information (Japanese)"), max_length=200)
    privacy_officer_en = models.CharField(
        _("person responsible for personal information (English)"), max_length=200, blank=True
    )
    phone = models.CharField(_("telephone"), max_length=20, blank=True)
    fax = models.CharField(_("FAX"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    hours_ja = models.CharField(_("desk hours (Japanese)"), max_length=200, blank=True)
    hours_en = models.CharField(_("desk hours (English)"), max_length=200, blank=True)
    intro_ja = models.TextField(_("introduction (Japanese)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    channels = models.JSONField(_("channels accepted"), default=list)
    request_types = models.JSONField(
        _("request types accepted"),
        default=list,
        help_text=_(
            "Every desk accepts the six requests of the APPI; they cannot be switched off. "
            "Add GDPR or CCPA requests if the desk serves them."
        ),
    )
    gdpr_enabled = models.BooleanField(_("serves GDPR requests"), default=False)
    ccpa_enabled = models.BooleanField(_("serves CCPA requests"), default=False)
    fee_amount = models.PositiveIntegerField(_("handling fee (JPY incl. tax)"), default=0)
    fee_unit = models.CharField(_("fee unit"), max_length=20, choices=FeeUnit.choices, default=FeeUnit.PER_REQUEST)
    fee_request_types = models.JSONField(_("request types charged"), default=list, blank=True)
    payment_methods = models.JSONField(_("payment methods"), default=list, blank=True)
    fee_note_ja = models.CharField(_("fee note (Japanese)"), max_length=300, blank=True)
    fee_note_en = models.CharField(_("fee note (English)"), max_length=300, blank=True)
    verification_methods = models.JSONField(_("identity verification methods"), default=list)
    records_items_ja = models.CharField(_("items matched against our records (Japanese)"), max_length=300, blank=True)
    records_items_en = models.CharField(_("items matched against our records (English)"), max_length=300, blank=True)
    id_documents = models.JSONField(_("identity documents accepted"), default=list, blank=True)
    reply_methods = models.JSONField(_("reply methods offered"), default=list)
    response_target_days = models.PositiveSmallIntegerField(
        _("response target (business days)"),
        default=10,
        help_text=_("APPI sets no number of days: the desk's own target for answering “without delay”."),
    )
    ack_target_days = models.PositiveSmallIntegerField(_("acknowledgement target (business days)"), default=3)
    desk_opens = models.TimeField(_("desk opens"), null=True, blank=True)
    desk_closes = models.TimeField(_("desk closes"), null=True, blank=True)
    year_end_closure = models.BooleanField(_("closed 29 December – 3 January"), default=True)
    reminder_offsets = models.JSONField(_("reminders (business days before a deadline)"), default=list, blank=True)
    # Letters: the window of the 長形3号 envelope the desk uses (mm from the top-left of the folded A4 page).
    window_left_mm = models.PositiveSmallIntegerField(_("envelope window: from the left (mm)"), default=23)
    window_top_mm = models.PositiveSmallIntegerField(_("envelope window: from the top (mm)"), default=13)
    window_width_mm = models.PositiveSmallIntegerField(_("envelope window: width (mm)"), default=90)
    window_height_mm = models.PositiveSmallIntegerField(_("envelope window: height (mm)"), default=45)
    letter_number_prefix = models.CharField(_("prefix of document numbers"), max_length=10, default="個相")
    letter_western_date = models.BooleanField(_("Western date beside the Japanese era"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This slug is reserved by PrivacyDesk; choose another.")})
        if not self.representative_ja.strip():
            raise ValidationError(
                {
                    "representative_ja": _(
                        "The public notice must name the representative of the business (APPI Art. 32(1)(i))."
                    )
                }
            )
        _check_choices(self.channels, Channel, "channels")
        _check_choices(self.request_types, RequestType, "request_types")
        missing = [t.label for t in APPI_STATUTORY_RIGHTS if t.value not in self.request_types]
        if missing:
            raise ValidationError(
                {
                    "request_types": _(
                        "The APPI gives every person these rights and a desk cannot switch them off: add %(missing)s."
                    )
                    % {"missing": join_list(missing)}
                }
            )
        _check_choices(self.fee_request_types, RequestType, "fee_request_types")
        _check_choices(self.payment_methods, PaymentMethod, "payment_methods")
        _check_choices(self.verification_methods, VerificationMethod, "verification_methods")
        _check_choices(self.id_documents, IdDocument, "id_documents")
        _check_choices(self.reply_methods, ReplyMethod, "reply_methods")
        uncharged = [t for t in self.fee_request_types if not RequestType(t).chargeable]
        if uncharged:
            raise ValidationError(
                {
                    "fee_request_types": _(
                        "The law allows a fee only for the notice of the purpose of use and for disclosure (including records of provision to third parties)."
                    )
                }
            )

    def notice_gaps(self) -> list[str]:
        """The names of the fields the public notice needs (APPI Art. 32(1)(i)) that are still empty."""
        return [
            str(self._meta.get_field(name).verbose_name) for name in NOTICE_FIELDS if not getattr(self, name).strip()
        ]

    # --- read in the active language
    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def desk_name(self) -> str:
        return localized(self, "desk_name")

    @property
    def address(self) -> str:
        return localized(self, "address")

    @property
    def hours(self) -> str:
        return localized(self, "hours")

    @property
    def intro(self) -> str:
        return localized(self, "intro")

    @property
    def privacy_officer(self) -> str:
        return localized(self, "privacy_officer")

    @property
    def fee_note(self) -> str:
        return localized(self, "fee_note")

    @property
    def records_items(self) -> str:
        return localized(self, "records_items")

    # --- what the desk offers, as choices
    @property
    def jurisdictions(self) -> list[Jurisdiction]:
        result = [Jurisdiction.APPI]
        if self.gdpr_enabled:
            result.append(Jurisdiction.GDPR)
        if self.ccpa_enabled:
            result.append(Jurisdiction.CCPA)
        return result

    def offered_request_types(self) -> list[RequestType]:
        """Accepted request types, in the law's order, limited to the jurisdictions this desk serves.

        The six APPI requests are always among them, whatever is stored: they are rights, not a setting."""
        served = set(self.jurisdictions)
        accepted = set(self.request_types) | {t.value for t in APPI_STATUTORY_RIGHTS}
        return [t for t in RequestType if t.value in accepted and t.jurisdiction in served]

    def charged_request_types(self) -> list[RequestType]:
        return [t for t in self.offered_request_types() if t.value in self.fee_request_types and t.chargeable]

    def charged_request_type_labels(self) -> list[str]:
        return [t.label for t in self.charged_request_types()]

    def fee_for(self, request_types: list[str], units: int = 1) -> int:
        """The handling fee for a filing: the amount per unit if any charged type is asked for."""
        charged = {t.value for t in self.charged_request_types()}
        if not self.fee_amount or not charged.intersection(request_types):
            return 0
        if self.fee_unit == FeeUnit.PER_REQUEST:
            return self.fee_amount
        return self.fee_amount * max(units, 1)

    @property
    def fee_unit_needs_count(self) -> bool:
        return self.fee_amount > 0 and self.fee_unit in (FeeUnit.PER_CONTRACT, FeeUnit.PER_LINE)

    def channel_labels(self) -> list[str]:
        return [Channel(c).label for c in self.channels]

    def id_document_labels(self) -> list[str]:
        return [IdDocument(d).label for d in self.id_documents]

    def payment_method_labels(self) -> list[str]:
        return [PaymentMethod(m).label for m in self.payment_methods]

    def reply_method_choices(self) -> list[tuple[str, str]]:
        return [(m, ReplyMethod(m).label) for m in self.reply_methods]

    @property
    def accepts_id_documents(self) -> bool:
        return VerificationMethod.DOCUMENT in self.verification_methods and bool(self.id_documents)


class ClosedDay(models.Model):
    """A day the desk is closed besides weekends, national holidays and the year-end closure."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="closed_days")
    day = models.DateField(_("date"))
    reason_ja = models.CharField(_("reason (Japanese)"), max_length=100, blank=True)
    reason_en = models.CharField(_("reason (English)"), max_length=100, blank=True)

    class Meta:
        db_table = "deadlines_closedday"  # the table of the deadlines app, where the model lived first
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["organization", "day"], name="closed_day_unique")]

    def __str__(self) -> str:
        return f"{self.organization_id}:{self.day}"


class Unit(models.TextChoices):
    BUSINESS_DAYS = "business_days", _("business days")
    DAYS = "days", _("calendar days")
    MONTHS = "months", _("months")


class DeadlineRule(models.Model):
    """An organisation's own APPI target (answer and acknowledgement) for a kind or request type.

    APPI sets no number of days, so the desk sets its own; GDPR and CCPA set their clocks by law, which a desk
    never changes: such rules are refused here, and ignored where one exists (``deadlines.py``).
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="deadline_rules")
    jurisdiction = models.CharField(_("jurisdiction"), max_length=10, choices=Jurisdiction.choices)
    kind = models.CharField(_("kind"), max_length=20, blank=True)
    request_type = models.CharField(_("request type"), max_length=30, choices=RequestType.choices, blank=True)
    ack_amount = models.PositiveSmallIntegerField(_("acknowledge within"))
    ack_unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.BUSINESS_DAYS)
    response_amount = models.PositiveSmallIntegerField(_("answer within"))
    response_unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.BUSINESS_DAYS)
    extension_amount = models.PositiveSmallIntegerField(_("extension"), default=0)
    extension_unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.DAYS)

    class Meta:
        db_table = "deadlines_deadlinerule"  # the table of the deadlines app, where the model lived first

    def __str__(self) -> str:
        return f"{self.organization_id}:{self.jurisdiction}:{self.kind}:{self.request_type}"

    def clean(self) -> None:
        if self.jurisdiction != Jurisdiction.APPI:
            raise ValidationError(
                {
                    "jurisdiction": _(
                        "GDPR and CCPA deadlines are set by law and cannot be changed by the desk: a rule may set only the APPI target."
                    )
                }
            )
        if self.request_type and RequestType(self.request_type).jurisdiction != Jurisdiction.APPI:
            raise ValidationError({"request_type": _("A rule may set the APPI target only for APPI request types.")})
        if self.extension_amount:
            raise ValidationError(
                {"extension_amount": _("APPI allows no extension: answer without delay within the desk's target.")}
            )
