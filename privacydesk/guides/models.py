"""Frequently asked questions of each desk, in Japanese and English, maintained by its staff."""

from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from privacydesk.core.models import TimeStampedModel


class FaqEntry(TimeStampedModel):
    """One question and its answer. Either language may be empty; the page then shows the other one."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="faq_entries",
        verbose_name=_("organisation"),
    )
    question_ja = models.CharField(_("question (Japanese)"), max_length=300, blank=True)
    question_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    answer_ja = models.TextField(_("answer (Japanese)"), max_length=5000, blank=True)
    answer_en = models.TextField(_("answer (English)"), max_length=5000, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["organization", "order", "pk"]
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")
        constraints = [
            models.CheckConstraint(
                condition=(~Q(question_ja="") & ~Q(answer_ja="")) | (~Q(question_en="") & ~Q(answer_en="")),
                name="faq_entry_has_one_complete_language",
            )
        ]
        indexes = [models.Index(fields=["organization", "published", "order"], name="faq_public_order")]

    def __str__(self) -> str:
        return self.question_ja or self.question_en

    def language_shown(self, language: str | None = None) -> str:
        """The language the entry is shown in: the asked one when both question and answer exist in it."""
        lang = (language or translation.get_language() or "ja")[:2]
        if getattr(self, f"question_{lang}", "") and getattr(self, f"answer_{lang}", ""):
            return lang
        return "en" if lang == "ja" else "ja"

    @property
    def shown_language(self) -> str:
        return self.language_shown()

    @property
    def question(self) -> str:
        return getattr(self, f"question_{self.language_shown()}")

    @property
    def answer(self) -> str:
        return getattr(self, f"answer_{self.language_shown()}")

    @property
    def is_fallback(self) -> bool:
        return self.language_shown() != (translation.get_language() or "ja")[:2]
