from django.contrib import admin

from privacydesk.letters.models import LetterText

from .models import ClosedDay, DeadlineRule, Organization


class ClosedDayInline(admin.TabularInline):
    model = ClosedDay
    extra = 1


class DeadlineRuleInline(admin.TabularInline):
    model = DeadlineRule
    extra = 0


class LetterTextInline(admin.StackedInline):
    model = LetterText
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    """The desk profile: the administrators' place to set up a desk, its closures and its own deadline rules."""

    list_display = ("slug", "name_ja", "name_en", "fee_amount", "fee_unit", "is_active")
    search_fields = ("slug", "name_ja", "name_en")
    inlines = [ClosedDayInline, DeadlineRuleInline, LetterTextInline]
