"""The programme's register and one per area, made here once (the register list used to
make them when it was asked for: a GET with a side effect); an area added later gets its
register from `risk.signals`. And the Celery beat schedule (django-celery-beat) of the
daily reminder of overdue reviews and early warnings, Oslo time."""

from django.db import migrations

TIMEZONE = "Europe/Oslo"
JOBS = [
    # (name, task, hour, minute)
    ("Risiko: påminnelser om gjennomgang og tidlig varsel", "risk.tasks.send_reminders", "7", "15"),
]


def create_registers(apps, schema_editor):
    Register = apps.get_model("risk", "Register")
    Matrix = apps.get_model("risk", "Matrix")
    Area = apps.get_model("portfolio", "Area")
    matrix = Matrix.objects.filter(is_default=True).first() or Matrix.objects.first()
    if matrix is None:
        return
    programme = Register.objects.filter(level="programme").first()
    if programme is None:
        programme = Register.objects.create(level="programme", matrix=matrix)
    for area in Area.objects.filter(is_active=True):
        if not Register.objects.filter(area=area).exists():
            Register.objects.create(level="area", area=area, parent=programme, matrix=matrix)


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
        ("risk", "0004_benefit_links_reminders_pdfs"),
        ("portfolio", "0003_area_descriptions"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(create_registers, migrations.RunPython.noop),
        migrations.RunPython(create_schedules, remove_schedules),
    ]
