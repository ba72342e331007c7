"""Public pages of this app, included last by privacydesk.urls_public (namespace ``cases``)."""

from django.urls import path

from .views import public

urlpatterns = [
    path("<slug:org>/", public.landing, name="landing"),
    path("<slug:org>/track/", public.track_lookup, name="track_lookup"),
    path("<slug:org>/track/<str:reference>/<str:token>/", public.track, name="track"),
    path("<slug:org>/<str:kind>/", public.case_form, name="form"),
    path("<slug:org>/<str:kind>/confirm/", public.case_confirm, name="confirm"),
    path("<slug:org>/<str:kind>/done/", public.case_done, name="done"),
]
