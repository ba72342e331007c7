from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "privacydesk.policies"
    verbose_name = _("Privacy policies and public notice")
