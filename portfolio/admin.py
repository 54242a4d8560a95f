from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from portfolio.models import Area, FocusArea, Goal, Level, SelectionCriterion, Strategy


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "first_year", "last_year", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class StrategyInline(admin.TabularInline):
    model = Strategy
    extra = 0


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ["number", "name", "statement"]
    inlines = [StrategyInline]


@admin.register(Strategy)
class StrategyAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "goal"]
    list_filter = ["goal"]
    search_fields = ["name", "description"]
    list_select_related = ["goal"]


@admin.register(FocusArea)
class FocusAreaAdmin(SimpleHistoryAdmin):
    list_display = ["number", "name"]


@admin.register(Level)
class LevelAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "subtitle"]


@admin.register(SelectionCriterion)
class SelectionCriterionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "text"]
