from django.contrib import admin

from .models import DestructionRecord, RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    """Desk set-up by administrators: how long each kind of data is kept (defaults: retention/policies.py)."""

    list_display = ("organization", "data_kind", "case_kind", "action", "period_days", "counted_from")
    list_filter = ("data_kind", "action", "organization")


@admin.register(DestructionRecord)
class DestructionRecordAdmin(admin.ModelAdmin):
    """Read only: the record of what the retention rules destroyed."""

    list_display = ("at", "organization", "data_kind", "action", "model", "object_id", "case_reference")
    list_filter = ("data_kind", "action")
    search_fields = ("case_reference",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
