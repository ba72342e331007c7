"""CleanInputForm: text without control and format characters, numbers and dates in any script's digits."""

import datetime

from django import forms
from django.http import QueryDict

from privacydesk.core.forms import CleanInputForm


class Sample(CleanInputForm):
    name = forms.CharField(max_length=5)
    message = forms.CharField(widget=forms.Textarea, required=False)
    email = forms.EmailField(required=False)
    born = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    amount = forms.IntegerField(required=False)
    kind = forms.ChoiceField(choices=[("a", "A")], required=False)


def test_text_loses_control_and_format_characters_before_any_check():
    # Five letters once the override and zero-width space are gone: max_length counts what is kept.
    form = Sample({"name": "\u202eabc\u200bde", "message": "one\r\ntwo\u202e\x07", "email": "a@b.jp\u200b"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "abcde"
    assert form.cleaned_data["message"] == "one\ntwo"
    assert form.cleaned_data["email"] == "a@b.jp"


def test_a_form_shown_again_with_its_errors_shows_the_cleaned_text():
    form = Sample({"name": "toolong\u202e", "message": "x"})
    assert not form.is_valid()
    assert "\u202e" not in str(form["name"]) and 'value="toolong"' in str(form["name"])


def test_numbers_and_dates_take_any_scripts_digits():
    form = Sample({"name": "a", "born": "١٩٨٠-٠١-٠٢", "amount": "١٠٠٠"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["born"] == datetime.date(1980, 1, 2)
    assert form.cleaned_data["amount"] == 1000


def test_a_prefixed_form_bound_to_a_querydict_is_cleaned_too():
    data = QueryDict(mutable=True)
    data.setlist("p-name", ["ab\u202ec"])
    form = Sample(data, prefix="p")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "abc"
    assert data["p-name"] == "ab\u202ec"  # the request's own data is left as it came
