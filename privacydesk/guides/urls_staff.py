"""Staff pages of this app, included by privacydesk.urls_staff (namespace ``staff``) at /staff/faq/."""

from django.urls import path

from . import views_staff

urlpatterns = [
    path("", views_staff.faq_list, name="faq_list"),
    path("new/", views_staff.faq_add, name="faq_add"),
    path("<int:entry_id>/", views_staff.faq_edit, name="faq_edit"),
    path("<int:entry_id>/move/", views_staff.faq_move, name="faq_move"),
    path("<int:entry_id>/delete/", views_staff.faq_delete, name="faq_delete"),
]
