"""The daily schedules (Celery beat, django-celery-beat) that apps create in their migrations.

An app's migration lists its jobs as ``(name, task, hour, minute)`` and adds
``migrations.RunPython(*schedule_operations(JOBS))``: the forward step creates (or updates) a
crontab schedule and a periodic task per job, the backward step removes them again and the
crontabs no other task uses. The functions take the historical models from ``apps``, as
migrations must.
"""

from collections.abc import Callable, Sequence

TIMEZONE = "Europe/Oslo"

Job = tuple[str, str, str, str]  # (name, task, hour, minute)


def schedule_operations(jobs: Sequence[Job], timezone: str = TIMEZONE) -> tuple[Callable, Callable]:
    """The forward and backward functions of a RunPython that schedules ``jobs`` daily."""

    def create_schedules(apps, schema_editor):
        CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
        PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
        for name, task, hour, minute in jobs:
            crontab, _ = CrontabSchedule.objects.get_or_create(
                minute=minute,
                hour=hour,
                day_of_week="*",
                day_of_month="*",
                month_of_year="*",
                timezone=timezone,
            )
            PeriodicTask.objects.update_or_create(
                name=name, defaults={"task": task, "crontab": crontab, "enabled": True}
            )

    def remove_schedules(apps, schema_editor):
        PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
        CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
        PeriodicTask.objects.filter(name__in=[name for name, *_ in jobs]).delete()
        for _name, _task, hour, minute in jobs:
            CrontabSchedule.objects.filter(
                minute=minute, hour=hour, timezone=timezone, periodictask__isnull=True
            ).delete()

    return create_schedules, remove_schedules
