"""Public pages of this app, included by privacydesk.urls_public (namespace ``cases``) before the cases app's."""

from django.urls import path

from .views import public

urlpatterns = [
    path("<slug:org>/request-form/", public.request_form, name="request_form"),
    path("<slug:org>/request-form.pdf", public.request_form_pdf, name="request_form_pdf"),
    path(
        "<slug:org>/track/<str:reference>/<str:token>/letters/<int:letter_id>/",
        public.track_letter,
        name="track_letter",
    ),
]
