"""Staff forms for policy drafts: validation only; the views call the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PolicyLanguage, SectionKey

MARKDOWN_HELP = _(
    "Markdown: “## Heading”, “- item”, “1. item”, **bold**, [link](https://…). Raw HTML and images are not shown."
)


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class PolicyDraftForm(forms.Form):
    original_language = forms.ChoiceField(
        label=_("Original language"), choices=PolicyLanguage.choices, widget=forms.RadioSelect
    )
    summary_ja = forms.CharField(
        label=_("Summary of changes (Japanese)"), required=False, widget=_textarea(2), max_length=2000
    )
    summary_en = forms.CharField(
        label=_("Summary of changes (English)"), required=False, widget=_textarea(2), max_length=2000
    )
    body_ja = forms.CharField(
        label=_("Text (Japanese)"), required=False, widget=_textarea(14), max_length=100_000, help_text=MARKDOWN_HELP
    )
    body_en = forms.CharField(
        label=_("Text (English)"), required=False, widget=_textarea(14), max_length=100_000, help_text=MARKDOWN_HELP
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in SectionKey:
            for lang, label in (("ja", _("%(section)s (Japanese)")), ("en", _("%(section)s (English)"))):
                self.fields[f"section_{key.value}_{lang}"] = forms.CharField(
                    label=label % {"section": key.label}, required=False, widget=_textarea(4), max_length=20_000
                )

    def section_pairs(self):
        """(section label, Japanese field, English field) for the template."""
        return [(key.label, self[f"section_{key.value}_ja"], self[f"section_{key.value}_en"]) for key in SectionKey]

    def clean(self):
        data = super().clean()
        if not (data.get("body_ja") or "").strip() and not (data.get("body_en") or "").strip():
            raise forms.ValidationError(_("Write the policy text in at least one language."))
        original = data.get("original_language")
        if original and not (data.get(f"body_{original}") or "").strip():
            self.add_error("original_language", _("The original language must have a text."))
        return data

    def service_values(self) -> dict:
        data = self.cleaned_data
        sections = {
            key.value: {lang: data.get(f"section_{key.value}_{lang}", "") for lang in ("ja", "en")}
            for key in SectionKey
        }
        values = {f: data[f] for f in ("original_language", "summary_ja", "summary_en", "body_ja", "body_en")}
        return values | {"sections": sections}

    @staticmethod
    def initial_from(version) -> dict:
        initial = {
            f: getattr(version, f) for f in ("original_language", "summary_ja", "summary_en", "body_ja", "body_en")
        }
        for key in SectionKey:
            for lang in ("ja", "en"):
                initial[f"section_{key.value}_{lang}"] = version.section_text(key.value, lang)
        return initial


class PublishForm(forms.Form):
    effective_date = forms.DateField(
        label=_("Effective date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Today or later. Until that date the public sees the version in force and an announcement."),
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_effective_date(self):
        value = self.cleaned_data["effective_date"]
        if value < self.today:
            raise forms.ValidationError(_("The effective date cannot be in the past."))
        return value


class PolicySettingForm(forms.Form):
    prevailing_language = forms.ChoiceField(
        label=_("Language that prevails in case of a difference"), choices=PolicyLanguage.choices
    )
