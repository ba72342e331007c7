from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from privacydesk.accounts.decorators import supervisor_required

from .models import AuditAction
from .selectors import audit_search


class AuditSearchForm(forms.Form):
    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    reference = forms.CharField(label=_("Reference number"), required=False, max_length=30)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", "---------"), *AuditAction.choices])
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


@supervisor_required
def audit_log(request):
    """Supervisors search the audit log of their own desks; nobody can change it here or anywhere in the
    application."""
    form = AuditSearchForm(request.GET or None)
    criteria = form.cleaned_data if form.is_valid() else {}
    page = Paginator(audit_search(viewer=request.user, **criteria), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "staff/audit.html", {"form": form, "page": page, "query": query.urlencode()})
