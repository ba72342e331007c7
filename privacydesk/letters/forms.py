"""The letters' forms: a new letter on the case page, marking today's mail as posted, a desk's wording."""

from django import forms
from django.utils.translation import gettext_lazy

from privacydesk.cases.choices import Kind
from privacydesk.cases.models import Case

from .models import LetterKind, PostalService


class LetterForm(forms.Form):
    prefix = "letter"

    kind = forms.ChoiceField(label=gettext_lazy("Kind of letter"), choices=LetterKind.choices)
    body = forms.CharField(
        label=gettext_lazy("Text of the letter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "What only this letter says: the disclosed data, what is missing, the answer. The greeting, the details and the closing come from the template."
        ),
        max_length=20000,
    )


class PostedForm(forms.Form):
    posted_on = forms.DateField(label=gettext_lazy("Posted on"), widget=forms.DateInput(attrs={"type": "date"}))
    service = forms.ChoiceField(label=gettext_lazy("Postal service"), choices=PostalService.choices)


class LetterTextForm(forms.Form):
    opening = forms.CharField(
        label=gettext_lazy("Opening paragraph"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=gettext_lazy("Plain text. Leave empty to use the standard wording."),
    )
    closing = forms.CharField(
        label=gettext_lazy("Closing paragraph"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


DEFAULT_KIND = {Kind.INQUIRY: LetterKind.INQUIRY_REPLY, Kind.COMPLAINT: LetterKind.COMPLAINT_REPLY}


def letter_form_for_case(case: Case) -> LetterForm:
    """The case page's letter panel: the reply that fits the kind of case, else the acknowledgement."""
    return LetterForm(initial={"kind": DEFAULT_KIND.get(case.kind, LetterKind.ACKNOWLEDGEMENT)})
