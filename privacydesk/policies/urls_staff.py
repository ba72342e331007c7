"""Staff pages of this app, included by privacydesk.urls_staff (namespace ``staff``)."""

from django.urls import path

from . import views_staff as views

urlpatterns = [
    path("", views.policy_list, name="policy_list"),
    path("new/", views.policy_new, name="policy_new"),
    path("<int:version_id>/", views.policy_preview, name="policy_preview"),
    path("<int:version_id>/edit/", views.policy_edit, name="policy_edit"),
    path("<int:version_id>/publish/", views.policy_publish, name="policy_publish"),
    path("<int:version_id>/delete/", views.policy_delete, name="policy_delete"),
]
