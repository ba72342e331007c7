from django.contrib import admin

from .models import PolicySetting, PolicyVersion


@admin.register(PolicySetting)
class PolicySettingAdmin(admin.ModelAdmin):
    list_display = ("organization", "prevailing_language")


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    list_display = ("organization", "number", "status", "effective_date", "original_language", "published_at")
    list_filter = ("status", "organization")
    ordering = ("organization", "-number")

    def get_readonly_fields(self, request, obj=None):
        """A published version is never edited: a correction is a new version."""
        if obj is not None and obj.is_published:
            return [field.name for field in self.model._meta.fields]
        return ("status", "published_by", "published_at", "created_by")

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_published
