from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from benefits.models import (
    Baseline,
    Benefit,
    BenefitContribution,
    BenefitEvent,
    Indicator,
    Measurement,
    Target,
)


class ContributionInline(admin.TabularInline):
    model = BenefitContribution
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["name", "unit", "direction", "frequency"]
    show_change_link = True


@admin.register(Benefit)
class BenefitAdmin(SimpleHistoryAdmin):
    list_display = ["title", "goal", "owner_unit", "status", "priority"]
    list_filter = ["status", "goal", "kind", "dfo_class"]
    search_fields = ["title", "description"]
    filter_horizontal = ["strategies", "areas", "focus_areas", "levels"]
    inlines = [ContributionInline, IndicatorInline]
    readonly_fields = ["status", "version", "created_by", "created_at"]


class BaselineInline(admin.TabularInline):
    model = Baseline
    extra = 0


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "benefit", "unit", "direction", "frequency"]
    list_filter = ["unit", "frequency"]
    search_fields = ["name", "benefit__title"]
    inlines = [BaselineInline, TargetInline]


@admin.register(Measurement)
class MeasurementAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "period_end", "value", "state", "recorded_by"]
    list_filter = ["state"]
    search_fields = ["indicator__name"]
    readonly_fields = ["recorded_by", "recorded_at", "approved_by", "approved_at"]


@admin.register(BenefitEvent)
class BenefitEventAdmin(SimpleHistoryAdmin):
    list_display = ["benefit", "kind", "actor", "at"]
    list_filter = ["kind"]
    readonly_fields = ["benefit", "kind", "from_status", "to_status", "note", "actor", "at"]
