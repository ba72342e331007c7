from django.urls import path

from privacydesk.deadlines.views import public_calendar
from privacydesk.letters import views as letters

from .views import public

app_name = "cases"

urlpatterns = [
    path("<slug:org>/", public.landing, name="landing"),
    path("<slug:org>/track/", public.track_lookup, name="track_lookup"),
    path("<slug:org>/calendar/", public_calendar, name="calendar"),
    path("<slug:org>/request-form/", letters.request_form, name="request_form"),
    path("<slug:org>/request-form.pdf", letters.request_form_pdf, name="request_form_pdf"),
    path("<slug:org>/track/<str:reference>/<str:token>/", public.track, name="track"),
    path(
        "<slug:org>/track/<str:reference>/<str:token>/letters/<int:letter_id>/",
        public.track_letter,
        name="track_letter",
    ),
    path("<slug:org>/<str:kind>/", public.case_form, name="form"),
    path("<slug:org>/<str:kind>/confirm/", public.case_confirm, name="confirm"),
    path("<slug:org>/<str:kind>/done/", public.case_done, name="done"),
]
