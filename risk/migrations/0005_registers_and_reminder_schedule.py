"""The programme's register and one per area, made here once (the register list used to
make them when it was asked for: a GET with a side effect); an area added later gets its
register from `risk.signals`. And the Celery beat schedule (django-celery-beat) of the
daily reminder of overdue reviews and early warnings, Oslo time."""

from django.db import migrations

from core.beat import schedule_operations

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


class Migration(migrations.Migration):
    dependencies = [
        ("risk", "0004_benefit_links_reminders_pdfs"),
        ("portfolio", "0003_area_descriptions"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(create_registers, migrations.RunPython.noop),
        migrations.RunPython(*schedule_operations(JOBS)),
    ]
