"""The staff form of an FAQ entry: plain text in both languages, one complete language at least."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import FaqEntry


class FaqEntryForm(forms.ModelForm):
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=None, empty_label=None)

    class Meta:
        model = FaqEntry
        fields = ["organization", "question_ja", "answer_ja", "question_en", "answer_en", "published"]
        widgets = {
            "answer_ja": forms.Textarea(attrs={"rows": 5, "lang": "ja"}),
            "answer_en": forms.Textarea(attrs={"rows": 5, "lang": "en"}),
            "question_ja": forms.TextInput(attrs={"lang": "ja"}),
            "question_en": forms.TextInput(attrs={"lang": "en"}),
        }
        help_texts = {
            "answer_ja": _("Plain text; line breaks are kept. No HTML."),
            "answer_en": _("Plain text; line breaks are kept. No HTML."),
            "published": _("Only published entries appear on the public FAQ page."),
        }

    def __init__(self, *args, organizations, fixed_organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed_organization is not None:
            del self.fields["organization"]  # an entry stays with its organisation
        else:
            self.fields["organization"].queryset = organizations
            if organizations.count() < 2:
                self.fields["organization"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        pairs = [
            (data.get(f"question_{lang}", "").strip(), data.get(f"answer_{lang}", "").strip()) for lang in ("ja", "en")
        ]
        for question, answer in pairs:
            if bool(question) != bool(answer):
                raise ValidationError(_("Give both the question and the answer in a language, or leave both empty."))
        if not any(question for question, _answer in pairs):
            raise ValidationError(_("Write the question and the answer in Japanese, in English, or in both."))
        return data
