"""Staff accounts: a custom user from day one, with a role and the organisations it works for."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RECEPTION = "reception", _("Reception staff")
    SUPERVISOR = "supervisor", _("Supervisor")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.RECEPTION)
    language = models.CharField(_("language"), max_length=5, default="ja")
    organizations = models.ManyToManyField(
        "organizations.Organization", verbose_name=_("organisations"), related_name="staff", blank=True
    )
    failed_logins = models.PositiveSmallIntegerField(default=0, editable=False)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_supervisor(self) -> bool:
        return self.role in (Role.SUPERVISOR, Role.ADMIN)

    @property
    def is_desk_staff(self) -> bool:
        return self.is_active and self.role in Role.values
