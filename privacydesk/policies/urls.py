"""Public pages of this app, under /<lang>/ (included before the cases app's catch-all form URL)."""

from django.urls import path

from . import views

app_name = "policies"

urlpatterns = [
    path("<slug:org>/policy/", views.policy_current, name="current"),
    path("<slug:org>/policy/compare/", views.policy_compare, name="compare"),
    path("<slug:org>/policy/<int:number>/", views.policy_version, name="version"),
    path("<slug:org>/policy/<int:number>/print/", views.policy_print, name="print"),
    path("<slug:org>/policy/<int:number>.pdf", views.policy_pdf, name="pdf"),
    path("<slug:org>/notice/", views.notice, name="notice"),
]
