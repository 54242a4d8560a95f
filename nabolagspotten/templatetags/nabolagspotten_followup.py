"""Filters for the follow-up panels: `{{ application|report_due }}` is the final report's
due date (services/followup.py `report_due_on`)."""

from django import template

from nabolagspotten.services.followup import report_due_on

register = template.Library()


@register.filter
def report_due(application):
    return report_due_on(application) if application is not None else None
