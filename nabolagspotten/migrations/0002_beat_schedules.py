"""The schedules (Celery beat, django-celery-beat) of Nabolagspotten's daily jobs: final
report reminders in the morning, anonymisation of closed cases at night, Oslo time."""

from django.db import migrations

from core.beat import schedule_operations

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


class Migration(migrations.Migration):
    dependencies = [
        ("nabolagspotten", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(*schedule_operations(JOBS))]
