"""Every staff page, under /<lang>/staff/ in the ``staff`` namespace: each app brings its own ``urls_staff.py``."""

from django.urls import include, path

app_name = "staff"

urlpatterns = [
    path("", include("privacydesk.cases.urls_staff")),
    path("", include("privacydesk.deadlines.urls_staff")),
    path("", include("privacydesk.letters.urls_staff")),
    path("audit/", include("privacydesk.audit.urls_staff")),
    path("policies/", include("privacydesk.policies.urls_staff")),
    path("faq/", include("privacydesk.guides.urls_staff")),
    path("retention/", include("privacydesk.retention.urls_staff")),
    path("reports/", include("privacydesk.reports.urls_staff")),
]
