"""Staff pages of this app, included by privacydesk.urls_staff (namespace ``staff``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("deadlines/", views.deadline_dashboard, name="dashboard"),
]
