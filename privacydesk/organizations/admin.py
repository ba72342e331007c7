from django.contrib import admin

from .models import Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_ja", "name_en", "fee_amount", "fee_unit", "is_active")
    search_fields = ("slug", "name_ja", "name_en")
