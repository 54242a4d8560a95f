"""The Programeier role (the city government's councillor for urban development, «programeier»
in chapter 7): a group without model permissions. Its members read what the board reads, the
programme overview above all, and change nothing; the apps' permission predicates never name
it for a change."""

from django.db import migrations

ROLE = "Programeier"


def create_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=ROLE)


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ROLE).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles")]

    operations = [migrations.RunPython(create_role, remove_role)]
