from django.urls import include, path

from privacydesk.audit.views import audit_log
from privacydesk.deadlines import views as deadlines

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
]

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("export.csv", queue.queue_export, name="export"),
    path("new/", intake.intake, name="intake"),
    path("audit/", audit_log, name="audit"),
    path("deadlines/", deadlines.deadline_dashboard, name="dashboard"),
    path("cases/<int:case_id>/", include(case_patterns)),
]
