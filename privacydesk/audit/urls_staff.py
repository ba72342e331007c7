"""Staff pages of this app, included by privacydesk.urls_staff (namespace ``staff``) at /staff/audit/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.audit_log, name="audit"),
]
