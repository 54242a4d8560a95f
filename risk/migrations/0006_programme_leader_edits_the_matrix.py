"""The programme leader edits the matrices in the admin (issue 12, item 3): the
Programleder group gets view, add and change (not delete) on the matrix, its scale steps,
levels and cells, and on the ROS areas. A register keeps the matrix it was assessed on."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MATRIX_MODELS = ["matrix", "scalestep", "level", "cell", "rosarea"]
ACTIONS = ["view", "add", "change"]


def _permissions(apps):
    app_config = apps.get_app_config("risk")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="risk",
        codename__in=[f"{action}_{model}" for action in ACTIONS for model in MATRIX_MODELS],
    )


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    leader, _created = Group.objects.get_or_create(name="Programleder")
    leader.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    leader = Group.objects.filter(name="Programleder").first()
    if leader:
        leader.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("risk", "0005_registers_and_reminder_schedule"),
        ("accounts", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
