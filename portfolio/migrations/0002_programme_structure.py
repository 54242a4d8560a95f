"""The programme's structure with the exact wording of the programme document
(«Områdesatsingene i Trondheim 2026–2031»): areas, goals and strategies (chapter 5), the
state agreement's focus areas (chapter 4), the three levels (6.4) and the five selection
criteria (7.6). After this, the programme leader maintains it in the admin."""

from django.db import migrations

AREAS = [
    ("Lademoen", "lademoen"),
    ("Møllenberg", "mollenberg"),
    ("Tempe-Sorgenfri", "tempe-sorgenfri"),
]

GOALS = [
    (
        1,
        "Stedsutvikling",
        "Et attraktivt nabolag der innbyggerne opplever trygghet, trivsel og tilhørighet",
        [
            (
                "Styrke livet mellom husene",
                "Gode sosiale møteplasser: Skape et nettverk av trygge og inviterende uterom som "
                "legger til rette for lek og aktivitet for alle aldersgrupper.\n"
                "Attraktive forbindelser: Binde bydelen sammen med trygge og grønne gang- og "
                "sykkelveier, og bygge ned fysiske barrierer som store veier eller jernbanespor.\n"
                "Trygghetsskapende arbeid: Prioritere lokalt bo- og nærmiljøarbeid og fysiske "
                "tiltak som virker kriminalitetsforebyggende.",
            ),
            (
                "Sikre en god og variert boligstruktur som bidrar til bostabilitet",
                "Boligmangfold: Sikre varierte størrelser og eierformer for å tiltrekke og "
                "beholde ulike beboergrupper, som for eksempel barnefamilier.\n"
                "Bostabilitet: Bruke målrettet byplanlegging og sosiale virkemidler for å fremme "
                "stabilitet, slik at flere kan bo trygt og lenge i nabolaget.",
            ),
            (
                "Sikre areal og strategisk plassering av sosial infrastruktur",
                "Se mulighetene for sosiale møteplasser i både eksisterende bygg og nye "
                "utbyggingsområder.\n"
                "Sikre at lokalisering av tjenester og møteplasser gir best mulig synergieffekter "
                "og bidrar til å styrke relasjoner i nærmiljøet.",
            ),
            (
                "Bygge opp om stedets identitet",
                "Løfte frem og videreutvikle nabolagets unike historie, kultur og kvaliteter for "
                "å styrke tilhørighet og stolthet.",
            ),
        ],
    ),
    (
        2,
        "Tjenesteutvikling",
        "Flere har tilgang til god helse, arbeid, utdanning, og samfunnsdeltakelse",
        [
            (
                "Styrke veier til arbeid og utdanning",
                "Fjerne barrierer og skape nye muligheter for at flere kan delta i arbeidslivet "
                "og fullføre utdanning.",
            ),
            (
                "Skape inkluderende møteplasser og mestringsarenaer",
                "Bygge fellesskap og gi innbyggerne arenaer der de kan utvikle ferdigheter, "
                "delta aktivt og bygge sosiale nettverk.",
            ),
            (
                "Gi tidlig og helhetlig hjelp til utsatte grupper",
                "Sikre at de som trenger det mest får koordinert og lett tilgjengelig støtte, "
                "med fokus på forebygging og tverrfaglig samarbeid.",
            ),
        ],
    ),
    (
        3,
        "Lokalsamfunnsutvikling",
        "Flere bidrar til et godt lokalsamfunn, gjennom sin rolle som nabolagsaktør",
        [
            (
                "Mobilisere nabolagets egne ressurser",
                "Anerkjenne og aktivere innbyggernes og lokalmiljøets egne ressurser. Vi skal "
                "bruke metoder som leter etter styrker og muligheter fremfor problemer, slik at "
                "flere opplever at de har noe verdifullt å bidra med inn i fellesskapet.",
            ),
            (
                "Bygge infrastruktur for samarbeid",
                "Sette innbyggerne, frivilligheten og næringslivet i stand til å drive utvikling "
                "selv. Vi skal etablere og støtte varige møteplasser og samarbeidsformer som gjør "
                "det enkelt for ulike aktører å finne hverandre og løse oppgaver sammen",
            ),
            (
                "Styrke fellesskapet på tvers av generasjoner",
                "Utvikle et nabolag som tar vare på hverandre. Vi skal koble formelle tjenester "
                "tettere på de uformelle nettverkene, og ruste nabolaget til å ta et felles "
                "ansvar for at både barn, unge og eldre opplever trygghet og tilhørighet.",
            ),
        ],
    ),
]

FOCUS_AREAS = [
    (
        1,
        "Å skape muligheter for alle og styrke demokratiet",
        "Flere har tilgang til arbeid, utdanning, helse og samfunnsdeltakelse.",
    ),
    (
        2,
        "Bygge lokalsamfunn",
        "Flere bidrar til et godt lokalsamfunn, gjennom sin rolle som nabolagsaktør.",
    ),
    (
        3,
        "Å skape gode bo- og nærmiljø",
        "Et attraktivt nabolag der innbyggerne opplever trygghet, trivsel og tilhørighet.",
    ),
    (
        4,
        "Forsknings, Utviklings- og Innovasjonssamarbeid",
        "Innsatsområdet skal bidra til forskning, utdanning og nyskaping i en felles FoU-satsing "
        "på sosial bærekraft og tjenesteinnovasjon.",
    ),
]

LEVELS = [
    (
        "01",
        "Nabolagsnivået",
        "Tiltak for å styrke nabolagskvaliteter",
        "Dette er den konkrete, lokale innsatsen. Her gjennomføres fysiske og sosiale tiltak og "
        "prosesser i de tre bydelene for å forbedre de direkte nærmiljøkvalitetene og styrke "
        "relasjonene mellom tjenestene og innbyggerne.",
    ),
    (
        "02",
        "Organisasjonsnivået",
        "Tjenesteutvikling som plattform for innovasjon",
        "Programmet skal fungere som en læringsarena for kommunen. Her er målet å bruke "
        "erfaringene fra nabolagsarbeidet til å utvikle nye, tverrfaglige arbeidsmetoder. "
        "Forventet gevinst er at kommunens tjenester, gjennom samarbeid og samskaping, blir "
        "bedre til å mobilisere ressurser og møte innbyggernes behov.",
    ),
    (
        "03",
        "Systemnivået",
        "Systemutvikling og kunnskapsdeling",
        "Dette er det langsiktige påvirkningsarbeidet. Læringen fra programmet skal brukes til å "
        "utfordre og forbedre praksis, rammeverk og retningslinjer som bidrar til opphopning av "
        "levekårsutfordringer. Dette skjer i dialog internt i kommunen og med statlige partnere.",
    ),
]

CRITERIA = [
    "Ha forankring hos de som skal eie resultatet (linja).",
    "Bidra til varig utvikling av tjenester eller systemer.",
    "Mobilisere ressurser i lokalsamfunnet.",
    "Bygge samarbeid på tvers av tjenester.",
    "Styrke nabolaget som helhet.",
]


def seed(apps, schema_editor):
    Area = apps.get_model("portfolio", "Area")
    Goal = apps.get_model("portfolio", "Goal")
    Strategy = apps.get_model("portfolio", "Strategy")
    FocusArea = apps.get_model("portfolio", "FocusArea")
    Level = apps.get_model("portfolio", "Level")
    SelectionCriterion = apps.get_model("portfolio", "SelectionCriterion")

    for name, slug in AREAS:
        Area.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "first_year": 2024,
                "last_year": 2031,
                "description": f"Levekårssonen {name}.",
            },
        )
    for number, name, statement, strategies in GOALS:
        goal, _created = Goal.objects.update_or_create(
            number=number, defaults={"name": name, "statement": statement}
        )
        for strategy_number, (strategy_name, description) in enumerate(strategies, start=1):
            Strategy.objects.update_or_create(
                goal=goal,
                number=strategy_number,
                defaults={"name": strategy_name, "description": description},
            )
    for number, name, description in FOCUS_AREAS:
        FocusArea.objects.update_or_create(
            number=number, defaults={"name": name, "description": description}
        )
    for code, name, subtitle, description in LEVELS:
        Level.objects.update_or_create(
            code=code, defaults={"name": name, "subtitle": subtitle, "description": description}
        )
    for number, text in enumerate(CRITERIA, start=1):
        SelectionCriterion.objects.update_or_create(number=number, defaults={"text": text})


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
