"""Staff pages of this app, included by privacydesk.urls_staff (namespace ``staff``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.retention_records, name="retention_records"),
    path("export/<int:case_id>/", views.retention_export, name="retention_export"),
]
