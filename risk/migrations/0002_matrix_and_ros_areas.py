"""The programme's 5×5 matrix (scales with Norwegian labels, three levels with colours, the
grid) and the four ROS areas of the programme document (7.5), as data."""

from django.db import migrations

LIKELIHOOD = [
    (1, "Svært lav", "Svært lite trolig i programperioden (under 5 %)."),
    (2, "Lav", "Lite trolig i programperioden (5–25 %)."),
    (3, "Middels", "Like gjerne som ikke i programperioden (25–50 %)."),
    (4, "Høy", "Trolig i programperioden (50–80 %)."),
    (5, "Svært høy", "Nesten sikkert i programperioden, eller skjer allerede (over 80 %)."),
]
CONSEQUENCE = [
    (1, "Svært liten", "Merkes knapt; ingen virkning på målene."),
    (2, "Liten", "Forsinker eller fordyrer ett tiltak litt; målene nås."),
    (3, "Middels", "Svekker ett tiltak eller ett område merkbart; tiltak må justeres."),
    (4, "Stor", "Truer et mål eller et områdes varige endring; styret må ta stilling."),
    (5, "Svært stor", "Målene nås ikke, eller tilliten i nabolaget går tapt."),
]
LEVELS = [
    (1, "Lav", "#c7e8c9", 180),
    (2, "Middels", "#fbe89a", 90),
    (3, "Høy", "#f4b4ae", 30),
]
ROS_AREAS = [
    (1, "Organisatorisk", "Risiko for at nye metoder ikke tas opp i ordinær drift ved programslutt."),
    (2, "Finansiell og politisk", "Usikkerhet knyttet til rammebetingelser og skiftende prioriteringer."),
    (3, "Interessent", "Risiko for manglende tillit eller uklare forventninger i samarbeidet med lokale aktører."),
    (4, "Gjennomføring", "Risiko for at tiltakene (f.eks. fysisk oppgradering) ikke gir den ønskede sosiale effekten."),
]


def level_rank(likelihood: int, consequence: int) -> int:
    product = likelihood * consequence
    if product <= 4:
        return 1
    if product <= 9:
        return 2
    return 3


def seed(apps, schema_editor):
    Matrix = apps.get_model("risk", "Matrix")
    ScaleStep = apps.get_model("risk", "ScaleStep")
    Level = apps.get_model("risk", "Level")
    Cell = apps.get_model("risk", "Cell")
    RosArea = apps.get_model("risk", "RosArea")

    matrix, created = Matrix.objects.get_or_create(
        name="Områdesatsingens 5×5",
        defaults={
            "description": "Sannsynlighet og konsekvens i programperioden, fem trinn hver.",
            "is_default": True,
        },
    )
    if created:
        for axis, steps in (("likelihood", LIKELIHOOD), ("consequence", CONSEQUENCE)):
            for score, label, description in steps:
                ScaleStep.objects.create(
                    matrix=matrix, axis=axis, score=score, label=label, description=description
                )
        levels = {
            rank: Level.objects.create(
                matrix=matrix, rank=rank, name=name, colour=colour, review_interval_days=days
            )
            for rank, name, colour, days in LEVELS
        }
        for likelihood in range(1, 6):
            for consequence in range(1, 6):
                Cell.objects.create(
                    matrix=matrix,
                    likelihood=likelihood,
                    consequence=consequence,
                    level=levels[level_rank(likelihood, consequence)],
                )
    for order, name, description in ROS_AREAS:
        RosArea.objects.get_or_create(
            name=name, defaults={"order": order, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("risk", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
