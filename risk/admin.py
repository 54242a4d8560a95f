from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from risk.models import (
    Acceptance,
    Action,
    Cell,
    Level,
    Matrix,
    Register,
    Review,
    Risk,
    RosArea,
    ScaleStep,
)


class ScaleStepInline(admin.TabularInline):
    model = ScaleStep
    extra = 0


class LevelInline(admin.TabularInline):
    model = Level
    extra = 0


class CellInline(admin.TabularInline):
    model = Cell
    extra = 0


@admin.register(Matrix)
class MatrixAdmin(SimpleHistoryAdmin):
    list_display = ["name", "is_default"]
    inlines = [ScaleStepInline, LevelInline, CellInline]


@admin.register(RosArea)
class RosAreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "order"]


@admin.register(Register)
class RegisterAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "level", "parent", "matrix"]
    list_filter = ["level"]
    list_select_related = ["area", "project", "parent", "matrix"]


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    raw_id_fields = ["owner"]


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "register", "kind", "ros_area", "status"]
    list_filter = ["kind", "ros_area", "status", "register__level"]
    search_fields = ["title", "cause", "event", "effect"]
    list_select_related = ["register__area", "register__project", "ros_area"]
    raw_id_fields = ["owner", "raised_by", "project", "goal", "strategy"]
    inlines = [ActionInline]


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "reviewed_by", "likelihood", "consequence", "next_review_on"]
    raw_id_fields = ["risk", "reviewed_by"]


@admin.register(Acceptance)
class AcceptanceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "accepted_by", "accepted_at", "expires_on"]
    raw_id_fields = ["risk", "accepted_by"]
