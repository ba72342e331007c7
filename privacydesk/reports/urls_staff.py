"""Staff pages of this app, included by privacydesk.urls_staff under reports/ (namespace ``staff``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.report_page, name="reports"),
    path("csv/<slug:key>/", views.report_csv, name="report_csv"),
    path("workbook/", views.report_workbook, name="report_workbook"),
    path("review/", views.report_review, name="report_review"),
    path("themes/", views.complaint_themes, name="report_themes"),
]
