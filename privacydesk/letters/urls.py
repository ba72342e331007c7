"""Public pages of this app, included by privacydesk.urls_public (namespace ``cases``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:org>/request-form/", views.request_form, name="request_form"),
    path("<slug:org>/request-form.pdf", views.request_form_pdf, name="request_form_pdf"),
]
