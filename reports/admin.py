from django.contrib import admin

from reports.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "ordered_at", "published_at"]
    list_filter = ["kind", "status"]
    readonly_fields = ["status", "progress", "current_section", "failure_reason", "snapshot"]
