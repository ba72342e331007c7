from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "privacydesk.guides"
    verbose_name = _("Procedure guide, FAQ and cookie page")
