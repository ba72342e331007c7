"""The base of every form a person types into, on the public pages and at the staff desk."""

from django import forms

from . import normalize

# Fields whose text is a number or a date: any script's digits are read as ASCII digits.
_NUMERIC_FIELDS = (forms.DateField, forms.DateTimeField, forms.TimeField, forms.IntegerField)


def _cleaner(field: forms.Field):
    if isinstance(field, _NUMERIC_FIELDS):
        return lambda value: normalize.ascii_digits(normalize.clean_text(value))
    if isinstance(field, forms.CharField):
        multiline = isinstance(field.widget, forms.Textarea)
        return lambda value: normalize.clean_text(value, multiline=multiline)
    return None  # choices, files, check boxes: compared with what we offered, never shown as typed


class CleanInputForm(forms.Form):
    """A form whose text loses control and format characters (a U+202E that turns a name around on the staff
    page, a zero-width space) and whose numbers and dates take any script's digits, before any field is cleaned.

    The submitted data itself is cleaned, so that ``max_length``, the field's own checks and the form shown again
    with its errors all see the same text. Only a multi-line box (a ``Textarea``) keeps its line breaks.
    """

    def full_clean(self):
        if self.is_bound:
            self.data = self._cleaned_input()
        super().full_clean()

    def _cleaned_input(self):
        data = self.data.copy()
        for name, field in self.fields.items():
            key, cleaner = self.add_prefix(name), _cleaner(field)
            if cleaner is None or key not in data:
                continue
            if hasattr(data, "setlist"):  # a QueryDict: every value sent under the name
                data.setlist(key, [cleaner(v) if isinstance(v, str) else v for v in data.getlist(key)])
            elif isinstance(data[key], str):
                data[key] = cleaner(data[key])
        return data
