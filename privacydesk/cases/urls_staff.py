from django.urls import include, path

from privacydesk.audit.views import audit_log
from privacydesk.deadlines import views as deadlines
from privacydesk.letters import views as letters

from .views.staff import actions, case, intake, queue

app_name = "staff"

case_patterns = [
    path("", case.case_detail, name="case"),
    path("documents/<int:attachment_id>/", case.attachment_download, name="attachment"),
    path("status/", actions.transition, name="transition"),
    path("assign/", actions.assign, name="assign"),
    path("note/", actions.note, name="note"),
    path("message/", actions.message, name="message"),
    path("identity/", actions.identity, name="identity"),
    path("fee/", actions.fee, name="fee"),
    path("outcome/", actions.outcome, name="outcome"),
    path("requests/<int:request_id>/decision/", actions.decision, name="decision"),
    path("requests/<int:request_id>/approval/", actions.approval, name="approval"),
    path("link/<int:other_id>/", actions.link, name="link"),
    path("extend/", deadlines.extend, name="extend"),
    path("letters/new/", letters.letter_new, name="letter_new"),
]

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("export.csv", queue.queue_export, name="export"),
    path("new/", intake.intake, name="intake"),
    path("audit/", audit_log, name="audit"),
    path("deadlines/", deadlines.deadline_dashboard, name="dashboard"),
    path("cases/<int:case_id>/", include(case_patterns)),
    path("letters/<int:letter_id>/preview/", letters.letter_preview, name="letter_preview"),
    path("letters/<int:letter_id>/submit/", letters.letter_submit, name="letter_submit"),
    path("letters/<int:letter_id>/approve/", letters.letter_approve, name="letter_approve"),
    path("letters/<int:letter_id>/regenerate/", letters.letter_regenerate, name="letter_regenerate"),
    path("letters/<int:letter_id>/pdf/", letters.letter_pdf, name="letter_pdf"),
    path("letters/wording/", letters.letter_texts, name="letter_texts"),
    path("mail/", letters.mail_today, name="mail"),
    path("mail/print/", letters.batch_new, name="batch_new"),
    path("mail/print/<int:batch_id>/", letters.batch_status, name="batch"),
    path("mail/print/<int:batch_id>/pdf/", letters.batch_pdf, name="batch_pdf"),
    path("mail/list.csv", letters.mailing_list, name="mailing_list"),
    path("mail/posted/", letters.mark_posted, name="mark_posted"),
    path("policies/", include("privacydesk.policies.urls_staff")),
    path("faq/", include("privacydesk.guides.urls_staff")),
    path("retention/", include("privacydesk.retention.urls_staff")),
]
