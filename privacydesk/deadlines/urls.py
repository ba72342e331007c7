"""Public pages of this app, included by privacydesk.urls_public (namespace ``cases``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:org>/calendar/", views.public_calendar, name="calendar"),
]
