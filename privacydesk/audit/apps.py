from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "privacydesk.audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        # Imported here: receivers use the models, which exist only once the apps are loaded.
        from privacydesk.accounts.signals import sign_in_step

        from .receivers import record_sign_in_step

        sign_in_step.connect(record_sign_in_step, dispatch_uid="audit.sign_in_step")
