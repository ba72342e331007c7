from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from privacydesk.cases.views.public import home
from privacydesk.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/postal-code/", core_views.postal_code, name="postal_code"),
]

urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("staff/", include("privacydesk.accounts.urls")),
    path("staff/", include("privacydesk.cases.urls_staff")),
    path("", include("privacydesk.cases.urls")),
)
