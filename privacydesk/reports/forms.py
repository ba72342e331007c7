"""What a supervisor asks the report for (period and desks), and the clerk's themes on a complaint."""

from datetime import date
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from privacydesk.organizations.models import Organization

from .periods import Period, fiscal_year, fiscal_year_of, last_month, this_month

MAX_RANGE_DAYS = 3 * 366


class ReportForm(forms.Form):
    PERIODS = [
        ("this_month", _("This month")),
        ("last_month", _("Last month")),
        ("fiscal_year", _("Fiscal year (April to March)")),
        ("range", _("Dates of my choice")),
    ]
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, initial="this_month")
    year = forms.IntegerField(
        label=_("Fiscal year starting in April of"), required=False, min_value=2000, max_value=2100
    )
    first = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    last = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    desks = forms.ModelMultipleChoiceField(
        label=_("Desks"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all your desks together."),
    )

    def desks_offered(self) -> QuerySet[Organization]:
        """The reader's desks, which the form offers."""
        return cast(QuerySet[Organization], cast(forms.ModelMultipleChoiceField, self.fields["desks"]).queryset)

    def __init__(self, *args, organizations, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        cast(forms.ModelMultipleChoiceField, self.fields["desks"]).queryset = organizations
        self.fields["year"].initial = fiscal_year_of(today)

    def clean(self):
        data = super().clean()
        if data.get("period") == "range":
            first, last = data.get("first"), data.get("last")
            if not (first and last):
                raise ValidationError(_("Give the first and the last day of the period."))
            if last < first:
                raise ValidationError(_("The last day comes before the first."))
            if (last - first).days > MAX_RANGE_DAYS:
                raise ValidationError(_("A report covers three years at most."))
        return data

    def default_period(self) -> Period:
        return this_month(self.today)

    def chosen_period(self) -> Period:
        data = self.cleaned_data
        match data["period"]:
            case "last_month":
                return last_month(self.today)
            case "fiscal_year":
                return fiscal_year(data.get("year") or fiscal_year_of(self.today))
            case "range":
                return Period(data["first"], data["last"])
        return this_month(self.today)


class ComplaintThemesForm(forms.Form):
    reference = forms.CharField(label=_("Reference number"), max_length=20)
    themes = forms.CharField(
        label=_("Themes"),
        max_length=300,
        required=False,
        help_text=_("Separate themes with commas, e.g. billing, marketing e-mail. Leave empty to remove them all."),
    )

    def clean_themes(self) -> list[str]:
        names = [name.strip() for name in self.cleaned_data["themes"].replace("、", ",").split(",")]
        names = list(dict.fromkeys(name for name in names if name))
        if any(len(name) > 50 for name in names):
            raise ValidationError(_("A theme has at most 50 characters."))
        return names
