"""The schedules (Celery beat, django-celery-beat) of Nabolagspotten's daily jobs: final
report reminders in the morning, anonymisation of closed cases at night, Oslo time."""

from django.db import migrations

TIMEZONE = "Europe/Oslo"
JOBS = [
    # (name, task, hour, minute)
    (
        "Nabolagspotten: påminnelser om sluttrapport",
        "nabolagspotten.tasks.send_report_reminders",
        "8",
        "0",
    ),
    (
        "Nabolagspotten: anonymisering av avsluttede saker",
        "nabolagspotten.tasks.anonymise_closed_cases",
        "3",
        "30",
    ),
]


def create_schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, hour, minute in JOBS:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone=TIMEZONE,
        )
        PeriodicTask.objects.update_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "enabled": True}
        )


def remove_schedules(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask.objects.filter(name__in=[name for name, *_ in JOBS]).delete()
    for _name, _task, hour, minute in JOBS:
        CrontabSchedule.objects.filter(
            minute=minute, hour=hour, timezone=TIMEZONE, periodictask__isnull=True
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("nabolagspotten", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
