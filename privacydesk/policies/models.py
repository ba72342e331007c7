"""Privacy policies: numbered versions per organisation, each with its text in Japanese and/or English."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from privacydesk.core.models import TimeStampedModel


class PolicyLanguage(models.TextChoices):
    JA = "ja", "日本語"
    EN = "en", "English"


class SectionKey(models.TextChoices):
    """The structured sections that the notice and other pages of the desk reuse, in the order shown."""

    PURPOSES = "purposes", _("Purposes of use")
    CATEGORIES = "categories", _("Categories of personal data")
    THIRD_PARTIES = "third_parties", _("Provision to third parties and entrustment")
    JOINT_USE = "joint_use", _("Joint use")
    RETENTION = "retention", _("Retention")
    SECURITY = "security", _("Security control measures")
    EXTERNAL = "external", _("Cookies and other information sent from your browser")
    ANONYMISED = "anonymised", _("Anonymously processed information")
    COMPLAINTS = "complaints", _("Where to complain")


class PolicySetting(models.Model):
    """Per-organisation settings of the policy pages (kept here, not on the organisation)."""

    organization = models.OneToOneField(
        "organizations.Organization", on_delete=models.CASCADE, related_name="policy_setting"
    )
    prevailing_language = models.CharField(
        _("language that prevails in case of a difference"),
        max_length=2,
        choices=PolicyLanguage.choices,
        default=PolicyLanguage.JA,
    )

    class Meta:
        verbose_name = _("policy setting")
        verbose_name_plural = _("policy settings")

    def __str__(self) -> str:
        return str(self.organization)


class PolicyStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("policy", "Draft")
    PUBLISHED = "published", pgettext_lazy("policy", "Published")


class PolicyVersion(TimeStampedModel):
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="policy_versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=PolicyStatus.choices, default=PolicyStatus.DRAFT)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    original_language = models.CharField(
        _("original language"), max_length=2, choices=PolicyLanguage.choices, default=PolicyLanguage.JA
    )
    summary_ja = models.TextField(_("summary of changes (Japanese)"), blank=True)
    summary_en = models.TextField(_("summary of changes (English)"), blank=True)
    body_ja = models.TextField(_("text (Japanese, Markdown)"), blank=True)
    body_en = models.TextField(_("text (English, Markdown)"), blank=True)
    # {section key: {"ja": markdown, "en": markdown}} for the keys of SectionKey
    sections = models.JSONField(_("sections"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["organization", "-number"]
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="policy_version_number_unique"),
            models.CheckConstraint(condition=~Q(body_ja="") | ~Q(body_en=""), name="policy_version_has_a_text"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(effective_date__isnull=False, published_at__isnull=False),
                name="policy_version_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == PolicyStatus.PUBLISHED

    @property
    def languages(self) -> list[str]:
        return [lang for lang in ("ja", "en") if getattr(self, f"body_{lang}").strip()]

    def has_language(self, language: str) -> bool:
        return language in self.languages

    def summary(self, language: str) -> str:
        other = "en" if language == "ja" else "ja"
        return getattr(self, f"summary_{language}") or getattr(self, f"summary_{other}")

    def section_text(self, key: str, language: str) -> str:
        return ((self.sections or {}).get(key) or {}).get(language, "") or ""
