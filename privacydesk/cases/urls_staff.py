"""Staff pages of this app, included by privacydesk.urls_staff (namespace ``staff``)."""

from django.urls import include, path

from .views.staff import actions, case, intake, queue

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
    path("extend/", actions.extend, name="extend"),
    path("requests/<int:request_id>/decision/", actions.decision, name="decision"),
    path("requests/<int:request_id>/approval/", actions.approval, name="approval"),
    path("link/<int:other_id>/", actions.link, name="link"),
]

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("export.csv", queue.queue_export, name="export"),
    path("new/", intake.intake, name="intake"),
    path("cases/<int:case_id>/", include(case_patterns)),
]
