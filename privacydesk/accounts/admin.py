from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Desk"), {"fields": ("role", "language", "organizations")}))
    list_display = ("username", "email", "role", "is_staff", "is_active")
    filter_horizontal = ("organizations", "groups", "user_permissions")
