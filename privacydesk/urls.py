from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from privacydesk.accounts.views import admin_login
from privacydesk.cases.views.public import home
from privacydesk.core import views as core_views

# The Django admin (desk set-up, for administrators) demands the second factor like every staff page, and signs
# in only through the staff sign-in (password, lockout, second factor, audit): its own login page redirects there.
admin.site.__class__ = OTPAdminSite

urlpatterns = [
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/postal-code/", core_views.postal_code, name="postal_code"),
]

urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("staff/", include("privacydesk.accounts.urls")),
    path("staff/", include("privacydesk.urls_staff")),
    path("", include("privacydesk.policies.urls")),
    path("", include("privacydesk.guides.urls")),
    path("", include("privacydesk.urls_public")),
)
