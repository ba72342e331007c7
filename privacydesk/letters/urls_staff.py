"""Staff pages of this app, included by privacydesk.urls_staff (namespace ``staff``)."""

from django.urls import path

from .views import staff as views

urlpatterns = [
    path("cases/<int:case_id>/letters/new/", views.letter_new, name="letter_new"),
    path("letters/<int:letter_id>/preview/", views.letter_preview, name="letter_preview"),
    path("letters/<int:letter_id>/submit/", views.letter_submit, name="letter_submit"),
    path("letters/<int:letter_id>/approve/", views.letter_approve, name="letter_approve"),
    path("letters/<int:letter_id>/regenerate/", views.letter_regenerate, name="letter_regenerate"),
    path("letters/<int:letter_id>/pdf/", views.letter_pdf, name="letter_pdf"),
    path("letters/<int:letter_id>/retry/", views.letter_retry, name="letter_retry"),
    path("letters/wording/", views.letter_texts, name="letter_texts"),
    path("mail/", views.mail_today, name="mail"),
    path("mail/print/", views.batch_new, name="batch_new"),
    path("mail/print/<int:batch_id>/", views.batch_status, name="batch"),
    path("mail/print/<int:batch_id>/pdf/", views.batch_pdf, name="batch_pdf"),
    path("mail/print/<int:batch_id>/retry/", views.batch_retry, name="batch_retry"),
    path("mail/list.csv", views.mailing_list, name="mailing_list"),
    path("mail/posted/", views.mark_posted, name="mark_posted"),
]
