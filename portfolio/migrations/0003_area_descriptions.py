"""Area descriptions that say something to a resident on the front page (they only
repeated the name). Only descriptions still as seeded by 0002 are changed."""

from django.db import migrations

DESCRIPTIONS = {
    "lademoen": (
        "Bydelen øst for sentrum, med Lademoparken, Lademoen kirke og bydelshuset. "
        "Med i områdesatsingen siden 2022."
    ),
    "mollenberg": (
        "Bydelen mellom Nidelva og Innherredsveien, med mange små utleieboliger. "
        "Med i områdesatsingen siden 2024."
    ),
    "tempe-sorgenfri": (
        "Bydelen sør for sentrum, med Tempe kirke, Sorgenfri skole og Tempeparken. "
        "Med i områdesatsingen siden 2022."
    ),
}


def describe(apps, schema_editor):
    Area = apps.get_model("portfolio", "Area")
    for area in Area.objects.filter(slug__in=DESCRIPTIONS):
        if area.description in ("", f"Levekårssonen {area.name}."):
            area.description = DESCRIPTIONS[area.slug]
            area.save(update_fields=["description"])


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0002_programme_structure")]

    operations = [migrations.RunPython(describe, migrations.RunPython.noop)]
