"""The staff roles as groups. The programme leader maintains the programme's structure,
the units and the users in the admin, and unlocks locked-out accounts (django-axes' access
attempts), so that group gets the permissions on those models."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = [
    "Programleder",
    "Programstyret",
    "Endringsleder",
    "Prosjektleder/Prosessleder",
    "Saksbehandler (Nabolagspotten)",
]
STRUCTURE_MODELS = ["area", "goal", "strategy", "focusarea", "level", "selectioncriterion"]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    leader = Group.objects.get(name="Programleder")
    leader.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="portfolio", content_type__model__in=STRUCTURE_MODELS
        ).exclude(codename__startswith="delete_"),
        *Permission.objects.filter(
            content_type__app_label="accounts",
            codename__in=["view_user", "change_user", "view_unit", "add_unit", "change_unit"],
        ),
        # To unlock an account that django-axes locked: delete its access attempts.
        *Permission.objects.filter(
            content_type__app_label="axes",
            codename__in=["view_accessattempt", "delete_accessattempt", "view_accessfailurelog"],
        ),
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("portfolio", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
